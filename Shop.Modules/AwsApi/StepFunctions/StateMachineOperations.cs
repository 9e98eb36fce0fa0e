using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// ListStateMachines, DescribeStateMachine, DescribeStateMachineForExecution over the engine's registered workflows
/// (every one a STANDARD state machine); CreateStateMachine, UpdateStateMachine and DeleteStateMachine answer a clear
/// ValidationException until ASL state machines can be registered at run time.
/// </summary>
internal static class StateMachineOperations
{
    public static Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var size = call.PageSize();
        var from = call.String("nextToken", 1024) is { } token ? Offset(token) : 0;
        var all = call.Engine.Definitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        var dates = request.Services.GetStateMachineDates();
        var page = all.Skip(from).Take(size).Select(d => (JsonNode)new JsonObject
        {
            ["stateMachineArn"] = call.Arns.StateMachine(d.Name),
            ["name"] = d.Name,
            ["type"] = "STANDARD",
            ["creationDate"] = SfnCall.Time(dates.CreationDate),
        }).ToArray();
        var result = new JsonObject { ["stateMachines"] = new JsonArray(page) };
        if (from + size < all.Length) result["nextToken"] = SfnCall.EncodeToken(new JsonObject { ["o"] = from + size });
        return Task.FromResult<JsonNode?>(result);
    }

    public static Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var definition = call.StateMachine(call.Required("stateMachineArn", 256));
        var result = Describe(call, definition, request.Services.GetStateMachineDates().CreationDate);
        result["status"] = "ACTIVE";
        result["type"] = "STANDARD";
        result["creationDate"] = result["updateDate"]!.DeepClone();
        result.Remove("updateDate");
        return Task.FromResult<JsonNode?>(result);
    }

    public static async Task<JsonNode?> DescribeForExecutionAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        var execution = await call.ExecutionAsync(arn, ct);
        // Parallel branches run as executions of their own (branch) definitions: look below the top level too.
        var definition = Find(call.Engine.Definitions, execution.Workflow) ?? throw SfnErrors.ExecutionDoesNotExist(arn);
        return Describe(call, definition, request.Services.GetStateMachineDates().CreationDate);
    }

    public static Task<JsonNode?> NotSupportedAsync(AwsRequest request, CancellationToken ct) =>
        throw AwsException.Validation(
            $"{request.Http.Request.Headers["X-Amz-Target"].ToString().Split('.').Last()} is not supported yet: the shop's state machines are the workflows it registers at start (C#).");

    private static JsonObject Describe(SfnCall call, WorkflowDefinition definition, DateTimeOffset date) => new()
    {
        ["stateMachineArn"] = call.Arns.StateMachine(definition.Name),
        ["name"] = definition.Name,
        ["definition"] = AslRenderer.Render(definition),
        ["roleArn"] = call.RoleArn,
        ["updateDate"] = SfnCall.Time(date),
        ["loggingConfiguration"] = new JsonObject { ["level"] = "OFF", ["includeExecutionData"] = false },
        ["tracingConfiguration"] = new JsonObject { ["enabled"] = false },
    };

    private static WorkflowDefinition? Find(IEnumerable<WorkflowDefinition> definitions, string name)
    {
        foreach (var definition in definitions)
        {
            if (definition.Name == name) return definition;
            if (Find(definition.States.SelectMany(s => s.Branches), name) is { } branch) return branch;
        }
        return null;
    }

    private static int Offset(string token) =>
        SfnCall.DecodeToken(token)["o"] is JsonValue v && v.TryGetValue<int>(out var offset) && offset >= 0
            ? offset
            : throw SfnErrors.InvalidToken("the nextToken is not one of ListStateMachines.");
}
