using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>StartExecution, DescribeExecution, ListExecutions, StopExecution, RedriveExecution over <see cref="IWorkflowEngine"/>.</summary>
internal static class ExecutionOperations
{
    public const int MaxNameLength = 80;
    public const int MaxDataBytes = 262144;

    public static async Task<JsonNode?> StartAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("stateMachineArn", 256);
        var definition = call.StateMachine(arn);
        var name = call.String("name");
        if (name is not null) ValidateName(name);
        var input = ParseInput(call.String("input"));
        ValidateInput(request, definition.Name, input);
        StartedExecution started;
        try
        {
            started = await call.Engine.StartAsync(definition.Name, input, name, ct);
        }
        catch (InvalidInputException error) when (error.Field == "name")
        {
            throw SfnErrors.InvalidName(error.Message);
        }
        catch (InvalidInputException error)
        {
            throw SfnErrors.InvalidExecutionInput(error.Message);
        }
        catch (NotFoundException)
        {
            throw SfnErrors.StateMachineDoesNotExist(arn);
        }
        var executionArn = call.ExecutionArn(started.Workflow, started.Name);
        // The engine answers an existing name with that execution; Step Functions does so only for the same input.
        if (!started.Created && !JsonNode.DeepEquals((await call.Engine.DescribeAsync(started.ExecutionId, ct)).Input, input))
            throw SfnErrors.ExecutionAlreadyExists(executionArn);
        return new JsonObject { ["executionArn"] = executionArn, ["startDate"] = SfnCall.Time(started.StartDate) };
    }

    /// <summary>A C# workflow's own checks (as its endpoint and the generic start run them), as InvalidExecutionInput.</summary>
    private static void ValidateInput(AwsRequest request, string workflow, JsonNode? input)
    {
        try
        {
            foreach (var validator in request.Services.GetServices<WorkflowInputValidator>().Where(v => v.Workflow == workflow)) validator.Validate(input);
        }
        catch (InvalidInputException error)
        {
            throw SfnErrors.InvalidExecutionInput(error.Message);
        }
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var e = await call.ExecutionAsync(call.Required("executionArn", 256), ct);
        var result = new JsonObject
        {
            ["executionArn"] = call.ExecutionArn(e.Workflow, e.Name),
            ["stateMachineArn"] = call.Arns.StateMachine(e.Workflow),
            ["name"] = e.Name,
            ["status"] = e.Status,
            ["startDate"] = SfnCall.Time(e.StartDate),
        };
        if (e.StopDate is { } stop) result["stopDate"] = SfnCall.Time(stop);
        result["input"] = SfnCall.Text(e.Input) ?? "{}";
        result["inputDetails"] = new JsonObject { ["included"] = true };
        if (e.Status == ExecutionStatus.Succeeded)
        {
            result["output"] = SfnCall.Text(e.Output) ?? "null";
            result["outputDetails"] = new JsonObject { ["included"] = true };
        }
        if (e.Error is not null) result["error"] = e.Error;
        if (e.Cause is not null) result["cause"] = e.Cause;
        result["redriveCount"] = e.RedriveCount;
        if (e.RedriveDate is { } redriven) result["redriveDate"] = SfnCall.Time(redriven);
        return result;
    }

    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        if (call.String("mapRunArn") is not null)
            throw AwsException.Validation("mapRunArn is not supported: the shop has no Distributed Map runs.");
        var arn = call.String("stateMachineArn", 256) ?? throw AwsException.Validation("Must provide a StateMachine ARN or MapRun ARN");
        var definition = call.StateMachine(arn);
        var status = call.String("statusFilter");
        if (status is not null && !ExecutionStatus.All.Contains(status))
            throw SfnErrors.Validation("statusFilter", $"Member must satisfy enum value set: [{string.Join(", ", ExecutionStatus.All)}]");
        var size = call.PageSize();
        var after = call.String("nextToken", 3096) is { } token ? Cursor(token, definition.Name, status) : null;
        var slice = await call.Engine.ListAfterAsync(definition.Name, status, size, after, ct);
        var items = slice.Executions.Select(e =>
        {
            var item = new JsonObject
            {
                ["executionArn"] = call.ExecutionArn(e.Workflow, e.Name),
                ["stateMachineArn"] = call.Arns.StateMachine(e.Workflow),
                ["name"] = e.Name,
                ["status"] = e.Status,
                ["startDate"] = SfnCall.Time(e.StartDate),
            };
            if (e.StopDate is { } stop) item["stopDate"] = SfnCall.Time(stop);
            return (JsonNode)item;
        }).ToArray();
        var result = new JsonObject { ["executions"] = new JsonArray(items) };
        if (slice.Next is { } next)
            result["nextToken"] = SfnCall.EncodeToken(new JsonObject
            {
                ["w"] = definition.Name,
                ["s"] = status,
                ["t"] = next.StartDate.UtcTicks,
                ["i"] = next.ExecutionId,
            });
        return result;
    }

    public static async Task<JsonNode?> StopAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        var error = call.String("error", 256);
        var cause = call.String("cause", 32768);
        var execution = await call.ExecutionAsync(arn, ct);
        try
        {
            await call.Engine.StopAsync(execution.ExecutionId, error, cause, ct);
        }
        catch (ConflictException conflict)
        {
            throw AwsException.Validation(conflict.Message);
        }
        var stopped = await call.Engine.DescribeAsync(execution.ExecutionId, ct);
        return new JsonObject { ["stopDate"] = SfnCall.Time(stopped.StopDate ?? call.Clock.GetUtcNow()) };
    }

    public static async Task<JsonNode?> RedriveAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        call.String("clientToken", 64);
        var execution = await call.ExecutionAsync(arn, ct);
        try
        {
            await call.Engine.RedriveAsync(execution.ExecutionId, ct);
        }
        catch (ConflictException conflict)
        {
            throw SfnErrors.ExecutionNotRedrivable(conflict.Message);
        }
        return new JsonObject { ["redriveDate"] = SfnCall.Time(call.Clock.GetUtcNow()) };
    }

    /// <summary>Step Functions' name rule: 1-80 characters, no whitespace, control characters or &lt; &gt; { } [ ] ? * " # % \ ^ | ~ ` $ &amp; , ; : /.</summary>
    internal static void ValidateName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
            throw SfnErrors.InvalidName($"'{name}': a name must be 1-{MaxNameLength} characters long.");
        var refused = name.Contains(':', StringComparison.Ordinal) ? ":" : ExecutionNames.FirstRefused(name);
        if (refused is not null)
            throw SfnErrors.InvalidName($"'{name}' contains '{Escape(refused)}'; a name must not contain whitespace, control characters or any of < > {{ }} [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /.");
    }

    private static string Escape(string c) => char.IsControl(c[0]) || char.IsWhiteSpace(c[0]) ? $"U+{(int)c[0]:X4}" : c;

    /// <summary>The input member: a string holding JSON (absent: <c>{}</c>). The engine takes an object or an array.</summary>
    internal static JsonNode ParseInput(string? text)
    {
        if (text is null) return new JsonObject();
        if (SfnCall.Utf8Length(text) > MaxDataBytes)
            throw SfnErrors.Validation("input", $"Member must have length less than or equal to {MaxDataBytes}");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw SfnErrors.InvalidExecutionInput($"the input is not valid JSON ({error.Message})");
        }
        return node is JsonObject or JsonArray
            ? node
            : throw SfnErrors.InvalidExecutionInput("the shop's state machines take a JSON object or array as input.");
    }

    private static ExecutionCursor Cursor(string token, string workflow, string? status)
    {
        var json = SfnCall.DecodeToken(token);
        if (json["w"]?.GetValueKind() != JsonValueKind.String || json["w"]!.GetValue<string>() != workflow
            || (json["s"] is JsonValue s && s.TryGetValue<string>(out var tokenStatus) ? tokenStatus : null) != status
            || json["t"] is not JsonValue t || !t.TryGetValue<long>(out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks
            || json["i"] is not JsonValue i || !i.TryGetValue<string>(out var id))
            throw SfnErrors.InvalidToken("the nextToken belongs to another state machine or status filter.");
        return new ExecutionCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}
