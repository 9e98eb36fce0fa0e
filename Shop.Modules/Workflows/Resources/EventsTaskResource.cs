using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:::events:putEvents</c> (and <c>.waitForTaskToken</c>): the entries go on the shop's bus in the
/// step's unit of work. Detail may be an object or a JSON string; the state machine's and the execution's ARNs are
/// appended to each entry's Resources, as Step Functions does. A failed entry fails the task (EventBridge.FailedEntry).
/// </summary>
internal sealed class EventsTaskResource : ITaskResource
{
    private const string PutEventsArn = "arn:aws:states:::events:putEvents";

    public bool Serves(string resource) => resource == PutEventsArn;

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var input = ResourceResponses.Object(invocation.Input, PutEventsArn);
        if (input["Entries"] is not JsonArray { Count: > 0 } entries)
            throw new StepFailedException("EventBridge.ValidationException", "The parameter 'Entries' must be a non-empty array.");
        var arns = invocation.Step.Services.GetRequiredService<AwsArns>();
        var appended = new[] { arns.StateMachine(invocation.Step.Workflow), arns.Execution(invocation.Step.Workflow, invocation.Step.ExecutionName) };
        var requests = entries.Select((e, i) => Entry(e as JsonObject ?? throw new StepFailedException("EventBridge.ValidationException", $"Entries[{i}] must be an object."), appended)).ToList();

        PutEventsResult result;
        try
        {
            result = await invocation.Step.Mediator.Send(new PutEvents(requests), cancellationToken);
        }
        catch (DomainException error)
        {
            throw new StepFailedException("EventBridge.ValidationException", error.Message);
        }
        if (result.FailedEntryCount > 0)
        {
            var failed = result.Entries.First(e => e.Failed);
            throw new StepFailedException("EventBridge.FailedEntry",
                new JsonObject { ["ErrorCode"] = failed.ErrorCode, ["ErrorMessage"] = failed.ErrorMessage }.ToJsonString());
        }
        return new JsonObject
        {
            ["Entries"] = new JsonArray(result.Entries.Select(e => (JsonNode)new JsonObject { ["EventId"] = e.EventId }).ToArray()),
            ["FailedEntryCount"] = 0,
        };
    }

    private static PutEventsEntry Entry(JsonObject entry, string[] appended)
    {
        const string error = "EventBridge.ValidationException";
        var detail = entry["Detail"] switch
        {
            null => null,
            JsonObject o => o.ToJsonString(),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new StepFailedException(error, "Detail must be a JSON object or a string holding one."),
        };
        var resources = entry["Resources"] switch
        {
            null => [],
            JsonArray a => a.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : throw new StepFailedException(error, "Resources must be an array of strings.")).ToList(),
            _ => throw new StepFailedException(error, "Resources must be an array of strings."),
        };
        return new PutEventsEntry(ResourceResponses.OptionalString(entry, "Source", error), ResourceResponses.OptionalString(entry, "DetailType", error),
            detail, ResourceResponses.OptionalString(entry, "EventBusName", error), [.. resources, .. appended]);
    }
}
