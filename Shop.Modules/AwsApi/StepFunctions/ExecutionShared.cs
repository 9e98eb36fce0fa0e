using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>What StartExecution, DescribeExecution, ListExecutions, StopExecution, RedriveExecution share (each is its own XOperation.cs) over <see cref="IWorkflowEngine"/>.</summary>
internal static class ExecutionShared
{
    public const int MaxNameLength = 80;

    public const int MaxDataBytes = 262144;

    /// <summary>Starts the execution, answering the engine's refusals with Step Functions' errors (StartExecution and StartSyncExecution).</summary>
    internal static async Task<StartedExecution> StartAsync(SfnCall call, string arn, string workflow, JsonNode input, string? name, CancellationToken ct)
    {
        try
        {
            return await call.Engine.StartAsync(workflow, input, name, ct);
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
    }

    /// <summary>A C# workflow's own checks (as its endpoint and the generic start run them), as InvalidExecutionInput.</summary>
    internal static void ValidateInput(AwsRequest request, string workflow, JsonNode? input)
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

    /// <summary>Step Functions' name rule: 1-80 characters, no whitespace, control characters or &lt; &gt; { } [ ] ? * " # % \ ^ | ~ ` $ &amp; , ; : /.</summary>
    internal static void ValidateName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
            throw SfnErrors.InvalidName($"'{name}': a name must be 1-{MaxNameLength} characters long.");
        var refused = name.Contains(':', StringComparison.Ordinal) ? ":" : ExecutionNames.FirstRefused(name);
        if (refused is not null)
            throw SfnErrors.InvalidName($"'{name}' contains '{Escape(refused)}'; a name must not contain whitespace, control characters or any of < > {{ }} [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /.");
    }

    internal static string Escape(string c) => char.IsControl(c[0]) || char.IsWhiteSpace(c[0]) ? $"U+{(int)c[0]:X4}" : c;

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

    internal static ExecutionCursor Cursor(string token, string workflow, string? status)
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
