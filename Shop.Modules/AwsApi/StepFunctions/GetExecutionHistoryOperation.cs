using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// GetExecutionHistory: the engine's history events (already named as Step Functions names them) with the
/// <c>*EventDetails</c> member the service model gives each type; input and output as JSON text.
/// </summary>
internal static class GetExecutionHistoryOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var execution = await call.ExecutionAsync(call.Required("executionArn", 256), ct);
        var size = call.PageSize();
        var reverse = call.Bool("reverseOrder", false);
        var includeData = call.Bool("includeExecutionData", true);
        var from = call.String("nextToken", 1024) is { } token ? Offset(token, execution.ExecutionId, reverse) : 0;

        var history = await call.Engine.GetHistoryAsync(execution.ExecutionId, ct);
        var definition = call.Engine.Definitions.FirstOrDefault(d => d.Name == execution.Workflow);
        var mapped = Map(history, definition, execution.Workflow, call, includeData);
        IEnumerable<JsonObject> ordered = reverse ? Enumerable.Reverse(mapped) : mapped;
        var page = ordered.Skip(from).Take(size).Select(e => (JsonNode)e).ToArray();
        var result = new JsonObject { ["events"] = new JsonArray(page) };
        if (from + size < mapped.Count)
            result["nextToken"] = SfnCall.EncodeToken(new JsonObject { ["e"] = execution.ExecutionId, ["r"] = reverse, ["o"] = from + size });
        return result;
    }

    private static List<JsonObject> Map(IReadOnlyList<HistoryEvent> history, WorkflowDefinition? definition, string workflow, SfnCall call, bool includeData)
    {
        var events = new List<JsonObject>(history.Count);
        // TaskScheduled's required "parameters" is the input the state was entered with (a C# task has no Parameters of its own).
        var enteredInput = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        long previous = 0;
        foreach (var e in history)
        {
            var d = e.Details as JsonObject ?? new JsonObject();
            var json = new JsonObject
            {
                ["timestamp"] = SfnCall.Time(e.Timestamp),
                ["type"] = e.Type,
                ["id"] = e.Id,
                // The engine writes one event after the other; the one before is the closest to AWS's "caused by".
                ["previousEventId"] = previous,
            };
            previous = e.Id;
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.State is not null) enteredInput[e.State] = d["input"];
            if (Details(e, d, definition, workflow, call, includeData, enteredInput) is var (member, details)) json[member] = details;
            events.Add(json);
        }
        return events;
    }

    private static (string Member, JsonObject Details)? Details(HistoryEvent e, JsonObject d, WorkflowDefinition? definition, string workflow,
        SfnCall call, bool includeData, Dictionary<string, JsonNode?> enteredInput)
    {
        var type = e.Type;
        if (type.EndsWith("StateEntered", StringComparison.Ordinal))
            return ("stateEnteredEventDetails", Data(new JsonObject { ["name"] = Str(d["name"]) ?? e.State }, "input", d["input"], includeData));
        if (type.EndsWith("StateExited", StringComparison.Ordinal))
            return ("stateExitedEventDetails", Data(new JsonObject { ["name"] = Str(d["name"]) ?? e.State }, "output", d["output"], includeData));
        var state = e.State is not null && definition is not null ? definition.States.FirstOrDefault(s => s.Name == e.State) : null;
        switch (type)
        {
            case "ExecutionStarted":
                return ("executionStartedEventDetails", Data(new JsonObject(), "input", d["input"] ?? new JsonObject(), includeData, ("roleArn", call.RoleArn)));
            case "ExecutionSucceeded":
                return ("executionSucceededEventDetails", Data(new JsonObject(), "output", d["output"], includeData));
            case "ExecutionFailed" or "ExecutionAborted" or "ExecutionTimedOut":
                return (Camel(type) + "EventDetails", ErrorCause(new JsonObject(), d));
            case "ExecutionRedriven":
                return ("executionRedrivenEventDetails", new JsonObject { ["redriveCount"] = d["redriveCount"]?.DeepClone() ?? 1 });
            case "TaskScheduled":
            {
                var details = Resource(d, state, workflow, e.State);
                details["region"] = call.Region;
                details["parameters"] = includeData ? SfnCall.Text(d["parameters"] ?? enteredInput.GetValueOrDefault(e.State ?? "")) ?? "{}" : "{}";
                if (state?.TimeoutSeconds is { } timeout) details["timeoutInSeconds"] = timeout;
                if (state?.HeartbeatSeconds is { } heartbeat) details["heartbeatInSeconds"] = heartbeat;
                return ("taskScheduledEventDetails", details);
            }
            case "TaskStarted":
                return ("taskStartedEventDetails", Resource(d, state, workflow, e.State));
            case "TaskSucceeded" or "TaskSubmitted":
                return (Camel(type) + "EventDetails", Data(Resource(d, state, workflow, e.State), "output", d["output"], includeData));
            case "TaskFailed" or "TaskTimedOut" or "TaskStartFailed" or "TaskSubmitFailed":
                return (Camel(type) + "EventDetails", ErrorCause(Resource(d, state, workflow, e.State), d));
            case "ActivityScheduled":
            {
                var details = new JsonObject { ["resource"] = ActivityArn(definition, e.State) };
                Data(details, "input", enteredInput.GetValueOrDefault(e.State ?? "") ?? new JsonObject(), includeData);
                if (state?.TimeoutSeconds is { } timeout) details["timeoutInSeconds"] = timeout;
                if (state?.HeartbeatSeconds is { } heartbeat) details["heartbeatInSeconds"] = heartbeat;
                return ("activityScheduledEventDetails", details);
            }
            case "ActivityStarted":
                return ("activityStartedEventDetails", Str(d["workerName"]) is { } worker ? new JsonObject { ["workerName"] = worker } : new JsonObject());
            case "ActivitySucceeded":
                return ("activitySucceededEventDetails", Data(new JsonObject(), "output", d["output"], includeData));
            case "ActivityFailed" or "ActivityTimedOut" or "ActivityScheduleFailed":
                return (Camel(type) + "EventDetails", ErrorCause(new JsonObject(), d));
            case "MapStateStarted":
                return ("mapStateStartedEventDetails", new JsonObject { ["length"] = d["length"]?.DeepClone() ?? 0 });
            case "MapIterationStarted" or "MapIterationSucceeded" or "MapIterationFailed" or "MapIterationAborted":
                return (Camel(type) + "EventDetails", new JsonObject { ["name"] = Str(d["name"]) ?? e.State, ["index"] = d["index"]?.DeepClone() ?? 0 });
            default:
                // Parallel*, Map* (other than above), Wait/Choice aborts: the model gives them no details member.
                return null;
        }
    }

    /// <summary>
    /// resourceType/resource as AWS splits a Task's Resource: <c>arn:aws:states:::events:putEvents.waitForTaskToken</c> is
    /// ("events", "putEvents.waitForTaskToken"); a C# task is ("shop", "{workflow}/{state}"), as DescribeStateMachine renders it.
    /// </summary>
    private static JsonObject Resource(JsonObject d, StateDefinition? state, string workflow, string? stateName)
    {
        var resource = Str(d["resource"]);
        if (resource is not null && resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = resource.Split(':');
            if (parts.Length >= 7 && parts[2] == "states")
                return new JsonObject { ["resourceType"] = parts[5], ["resource"] = string.Join(':', parts[6..]) };
            if (parts.Length >= 3) return new JsonObject { ["resourceType"] = parts[2], ["resource"] = resource };
        }
        var suffix = state?.Kind == StateKind.Callback ? ".waitForTaskToken" : "";
        return new JsonObject { ["resourceType"] = "shop", ["resource"] = $"{workflow}/{stateName ?? resource}{suffix}" };
    }

    /// <summary>The activity ARN a state of an ASL machine names (its document holds it; the compiled state keeps no ARN).</summary>
    private static string ActivityArn(WorkflowDefinition? definition, string? state)
    {
        try
        {
            return definition?.Document is { } document && state is not null && Str(JsonNode.Parse(document)?["States"]?[state]?["Resource"]) is { } arn
                ? arn
                : "activity";
        }
        catch (JsonException)
        {
            return "activity";
        }
    }

    private static JsonObject Data(JsonObject details, string member, JsonNode? value, bool includeData, (string Name, string Value)? extra = null)
    {
        if (includeData)
        {
            details[member] = SfnCall.Text(value) ?? "null";
            details[member + "Details"] = new JsonObject { ["truncated"] = false };
        }
        if (extra is var (name, text)) details[name] = text;
        return details;
    }

    private static JsonObject ErrorCause(JsonObject details, JsonObject d)
    {
        if (Str(d["error"]) is { } error) details["error"] = error;
        if (Str(d["cause"]) is { } cause) details["cause"] = cause;
        return details;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString();

    private static string Camel(string type) => char.ToLowerInvariant(type[0]) + type[1..];

    private static int Offset(string token, string executionId, bool reverse)
    {
        var json = SfnCall.DecodeToken(token);
        return json["e"] is JsonValue e && e.TryGetValue<string>(out var id) && id == executionId
            && json["r"] is JsonValue r && r.TryGetValue<bool>(out var wasReverse) && wasReverse == reverse
            && json["o"] is JsonValue o && o.TryGetValue<int>(out var offset) && offset >= 0
            ? offset
            : throw SfnErrors.InvalidToken("the nextToken belongs to another execution or order.");
    }
}
