using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Resources;

/// <summary>Executions as the Step Functions integrations answer them (PascalCase members, ARNs), and finding one by ARN.</summary>
internal static class ExecutionJson
{
    public static string WorkflowOf(string? stateMachineArn, string error) =>
        AwsArns.Parts(stateMachineArn, "states", "stateMachine") is [var name] ? name
            : throw new StepFailedException(error + "InvalidArnException", $"Invalid Arn: '{stateMachineArn}'");

    public static (string Workflow, string Name) ExecutionOf(string? executionArn, string error) =>
        AwsArns.Parts(executionArn, "states", "execution") is [var workflow, var name] ? (workflow, name)
            : throw new StepFailedException(error + "InvalidArnException", $"Invalid Arn: '{executionArn}'");

    /// <summary>The execution with that ARN (its workflow's executions are searched by name, newest first).</summary>
    public static async Task<ExecutionDescription> FindAsync(IWorkflowEngine engine, string executionArn, string error, CancellationToken cancellationToken)
    {
        var (workflow, name) = ExecutionOf(executionArn, error);
        for (var page = 1; ; page++)
        {
            ExecutionPage executions;
            try
            {
                executions = await engine.ListAsync(workflow, null, page, cancellationToken);
            }
            catch (NotFoundException)
            {
                break;
            }
            if (executions.Executions.FirstOrDefault(e => e.Name == name) is { } found)
                return await engine.DescribeAsync(found.ExecutionId, cancellationToken);
            if (!executions.HasMore) break;
        }
        throw new StepFailedException(error + "ExecutionDoesNotExistException", $"Execution Does Not Exist: '{executionArn}'");
    }

    /// <param name="jsonOutput">True for <c>.sync:2</c>: Input and Output as JSON, not JSON text.</param>
    /// <param name="epochMillis">Dates as epoch milliseconds (optimized integrations) or ISO text (SDK integrations).</param>
    public static JsonObject Describe(ExecutionDescription execution, AwsArns arns, bool jsonOutput, bool epochMillis)
    {
        var result = new JsonObject
        {
            ["ExecutionArn"] = arns.Execution(execution.Workflow, execution.Name),
            ["Input"] = jsonOutput ? execution.Input?.DeepClone() : execution.Input?.ToJsonString() ?? "{}",
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = execution.Name,
            ["StartDate"] = Date(execution.StartDate, epochMillis),
            ["StateMachineArn"] = arns.StateMachine(execution.Workflow),
            ["Status"] = execution.Status,
        };
        if (execution.Status == ExecutionStatus.Succeeded)
        {
            result["Output"] = jsonOutput ? execution.Output?.DeepClone() : execution.Output?.ToJsonString() ?? "null";
            result["OutputDetails"] = new JsonObject { ["Included"] = true };
        }
        if (execution.StopDate is { } stop) result["StopDate"] = Date(stop, epochMillis);
        if (execution.Error is { } error) result["Error"] = error;
        if (execution.Cause is { } cause) result["Cause"] = cause;
        return result;
    }

    public static JsonNode Date(DateTimeOffset time, bool epochMillis) => epochMillis
        ? JsonValue.Create(time.ToUnixTimeMilliseconds())
        : JsonValue.Create(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An execution's input from an integration's Input: a JSON object or a string holding JSON.</summary>
    public static JsonNode? Input(JsonNode? input, string error) => input switch
    {
        null => new JsonObject(),
        JsonValue v when v.TryGetValue<string>(out var text) => Parse(text, error),
        _ => input.DeepClone(),
    };

    private static JsonNode? Parse(string text, string error)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new StepFailedException(error + "InvalidExecutionInputException", "Invalid State Machine Execution Input: the input is not JSON.");
        }
    }
}
