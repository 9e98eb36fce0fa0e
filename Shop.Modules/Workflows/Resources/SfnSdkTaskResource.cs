using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:::aws-sdk:sfn:{action}</c> over the engine, with the SDK's PascalCase members: listExecutions
/// (<c>Executions</c>, newest first), describeExecution, startExecution, stopExecution, sendTaskSuccess,
/// sendTaskFailure, sendTaskHeartbeat. Errors are <c>Sfn.{Code}</c>.
/// </summary>
internal sealed class SfnSdkTaskResource : ITaskResource
{
    private const string Prefix = "arn:aws:states:::aws-sdk:sfn:";
    private const string Error = "Sfn.";
    private static readonly HashSet<string> Actions =
        ["listExecutions", "describeExecution", "startExecution", "stopExecution", "sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat"];

    public bool Serves(string resource) => resource.StartsWith(Prefix, StringComparison.Ordinal) && Actions.Contains(resource[Prefix.Length..]);

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var input = ResourceResponses.Object(invocation.Input, invocation.Resource);
        var services = invocation.Step.Services;
        var engine = services.GetRequiredService<IWorkflowEngine>();
        var arns = services.GetRequiredService<AwsArns>();
        string Text(string member) => ResourceResponses.String(input, member, Error + "ValidationException");
        string? Optional(string member) => ResourceResponses.OptionalString(input, member, Error + "ValidationException");
        try
        {
            switch (invocation.Resource[Prefix.Length..])
            {
                case "listExecutions":
                    return await ListAsync(engine, arns, input, cancellationToken);
                case "describeExecution":
                    return ExecutionJson.Describe(await ExecutionJson.FindAsync(engine, Text("ExecutionArn"), Error, cancellationToken), arns, jsonOutput: false, epochMillis: false);
                case "startExecution":
                    var workflow = ExecutionJson.WorkflowOf(Text("StateMachineArn"), Error);
                    var started = await engine.StartAsync(workflow, ExecutionJson.Input(input["Input"], Error), Optional("Name"), cancellationToken);
                    return new JsonObject { ["ExecutionArn"] = arns.Execution(started.Workflow, started.Name), ["StartDate"] = ExecutionJson.Date(started.StartDate, false) };
                case "stopExecution":
                    var execution = await ExecutionJson.FindAsync(engine, Text("ExecutionArn"), Error, cancellationToken);
                    await engine.StopAsync(execution.ExecutionId, Optional("Error"), Optional("Cause"), cancellationToken);
                    return new JsonObject { ["StopDate"] = ExecutionJson.Date((await engine.DescribeAsync(execution.ExecutionId, cancellationToken)).StopDate ?? DateTimeOffset.UtcNow, false) };
                case "sendTaskSuccess":
                    await engine.SendTaskSuccessAsync(Text("TaskToken"), ExecutionJson.Input(input["Output"], Error), cancellationToken);
                    return new JsonObject();
                case "sendTaskFailure":
                    await engine.SendTaskFailureAsync(Text("TaskToken"), Optional("Error"), Optional("Cause"), cancellationToken);
                    return new JsonObject();
                default:
                    await engine.SendTaskHeartbeatAsync(Text("TaskToken"), cancellationToken);
                    return new JsonObject();
            }
        }
        catch (NotFoundException error)
        {
            throw new StepFailedException(Error + (error.Title.StartsWith("Workflow", StringComparison.Ordinal) ? "StateMachineDoesNotExistException" : "ExecutionDoesNotExistException"), error.Message);
        }
        catch (InvalidInputException error) when (error.Field is "taskToken")
        {
            throw new StepFailedException(Error + "InvalidTokenException", error.Message);
        }
        catch (DomainException error)
        {
            throw new StepFailedException(Error + (error.StatusCode == 409 ? "ExecutionAlreadyExistsException" : "ValidationException"), error.Message);
        }
    }

    /// <summary>Newest first, at most MaxResults (default 100, up to 1000); NextToken is the page to read next.</summary>
    private static async Task<JsonObject> ListAsync(IWorkflowEngine engine, AwsArns arns, JsonObject input, CancellationToken cancellationToken)
    {
        var workflow = ExecutionJson.WorkflowOf(ResourceResponses.String(input, "StateMachineArn", Error + "ValidationException"), Error);
        var status = ResourceResponses.OptionalString(input, "StatusFilter", Error + "ValidationException");
        var max = input["MaxResults"] is JsonValue m && m.TryGetValue<int>(out var n) && n > 0 ? Math.Min(n, 1000) : 100;
        var page = int.TryParse(ResourceResponses.OptionalString(input, "NextToken", Error + "ValidationException"), out var p) && p > 0 ? p : 1;
        var executions = new JsonArray();
        var more = false;
        while (executions.Count < max)
        {
            var found = await engine.ListAsync(workflow, status, page, cancellationToken);
            foreach (var e in found.Executions.Take(max - executions.Count))
            {
                var item = new JsonObject
                {
                    ["ExecutionArn"] = arns.Execution(e.Workflow, e.Name),
                    ["Name"] = e.Name,
                    ["StartDate"] = ExecutionJson.Date(e.StartDate, false),
                    ["StateMachineArn"] = arns.StateMachine(e.Workflow),
                    ["Status"] = e.Status,
                };
                if (e.StopDate is { } stop) item["StopDate"] = ExecutionJson.Date(stop, false);
                executions.Add(item);
            }
            more = found.HasMore;
            page++;
            if (!more) break;
        }
        var result = new JsonObject { ["Executions"] = executions };
        // A page boundary that falls inside an engine page is rounded to the next engine page (a local simplification).
        if (more) result["NextToken"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
