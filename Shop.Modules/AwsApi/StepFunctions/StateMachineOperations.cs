using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// ListStateMachines, DescribeStateMachine, DescribeStateMachineForExecution over the engine's registered workflows
/// (every one a STANDARD state machine: the C# ones and the ASL ones of <see cref="StateMachineChanges"/>).
/// </summary>
internal static class StateMachineOperations
{
    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var types = (await request.Services.GetRequiredService<IStateMachines>().ListAsync(ct)).ToDictionary(m => m.Name, m => m.Type, StringComparer.Ordinal);
        var size = call.PageSize();
        var from = call.String("nextToken", 1024) is { } token ? Offset(token) : 0;
        var all = call.Engine.Definitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        var dates = request.Services.GetStateMachineDates();
        var page = all.Skip(from).Take(size).Select(d => (JsonNode)new JsonObject
        {
            ["stateMachineArn"] = call.Arns.StateMachine(d.Name),
            ["name"] = d.Name,
            ["type"] = types.GetValueOrDefault(d.Name, "STANDARD"),
            ["creationDate"] = SfnCall.Time(dates.CreationDate),
        }).ToArray();
        var result = new JsonObject { ["stateMachines"] = new JsonArray(page) };
        if (from + size < all.Length) result["nextToken"] = SfnCall.EncodeToken(new JsonObject { ["o"] = from + size });
        return result;
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var definition = call.StateMachine(call.Required("stateMachineArn", 256));
        var result = Describe(call, definition, request.Services.GetStateMachineDates().CreationDate);
        result["status"] = "ACTIVE";
        result["type"] = await TypeAsync(request, definition.Name, ct);
        result["creationDate"] = result["updateDate"]!.DeepClone();
        result.Remove("updateDate");
        return result;
    }

    public static async Task<JsonNode?> DescribeForExecutionAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        var execution = await call.ExecutionAsync(arn, ct);
        // The revision the execution started on (an ASL machine may have been updated since); Parallel branches and Map
        // iterations run as executions of their own child definitions, which the registry also knows.
        if (!request.Services.GetRequiredService<IWorkflowDefinitions>().TryGet(execution.Workflow, execution.Revision, out var definition))
            throw SfnErrors.ExecutionDoesNotExist(arn);
        return Describe(call, definition, request.Services.GetStateMachineDates().CreationDate);
    }

    /// <summary>STANDARD or EXPRESS as the machine was created (C# workflows are STANDARD).</summary>
    public static async Task<string> TypeAsync(AwsRequest request, string name, CancellationToken ct) =>
        (await request.Services.GetRequiredService<IStateMachines>().GetAsync(name, ct))?.Type ?? "STANDARD";

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

    private static int Offset(string token) =>
        SfnCall.DecodeToken(token)["o"] is JsonValue v && v.TryGetValue<int>(out var offset) && offset >= 0
            ? offset
            : throw SfnErrors.InvalidToken("the nextToken is not one of ListStateMachines.");
}
