using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// A C# workflow definition as Amazon States Language JSON, so DescribeStateMachine shows tools and consoles the graph:
/// StartAt, States with Type, Next/End, Retry, Catch, Wait times, Pass results, Parallel branches, Fail error/cause.
/// What ASL cannot express: a Task runs C# (Resource <c>arn:aws:states:::shop:{workflow}/{state}</c>, with
/// <c>.waitForTaskToken</c> for a callback state), and a Choice rule's condition is a C# lambda, rendered as a
/// rule whose <c>Comment</c> names it over a placeholder test (<c>"Variable": "$", "IsPresent": true</c>).
/// </summary>
internal static class AslRenderer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(WorkflowDefinition definition) => Machine(definition.Name, definition, top: true).ToJsonString(Indented);

    private static JsonObject Machine(string workflow, WorkflowDefinition definition, bool top)
    {
        var machine = new JsonObject();
        if (definition.Comment is not null) machine["Comment"] = definition.Comment;
        machine["StartAt"] = definition.StartAt;
        var states = new JsonObject();
        foreach (var state in definition.States) states[state.Name] = State(workflow, definition, state);
        machine["States"] = states;
        if (top && definition.TimeoutSeconds is { } timeout) machine["TimeoutSeconds"] = timeout;
        return machine;
    }

    private static JsonObject State(string workflow, WorkflowDefinition definition, StateDefinition state)
    {
        var json = new JsonObject { ["Type"] = Type(state.Kind) };
        if (state.Comment is not null) json["Comment"] = state.Comment;
        switch (state.Kind)
        {
            case StateKind.Task or StateKind.Callback:
                json["Resource"] = $"arn:aws:states:::shop:{definition.Name}/{state.Name}" + (state.Kind == StateKind.Callback ? ".waitForTaskToken" : "");
                if (state.HeartbeatSeconds is { } heartbeat) json["HeartbeatSeconds"] = heartbeat;
                if (state.TimeoutSeconds is { } timeout) json["TimeoutSeconds"] = timeout;
                AddResultPath(json, state);
                break;
            case StateKind.Pass:
                if (state.Result is not null) json["Result"] = state.Result.DeepClone();
                AddResultPath(json, state);
                break;
            case StateKind.Wait:
                if (state.TimestampPath is not null) json["TimestampPath"] = state.TimestampPath;
                else if (state.SecondsPath is not null) json["SecondsPath"] = state.SecondsPath;
                else json["Seconds"] = state.Seconds is { } seconds && seconds == Math.Floor(seconds) ? (JsonNode)(long)seconds : state.Seconds ?? 0;
                break;
            case StateKind.Parallel:
                json["Branches"] = new JsonArray(state.Branches.Select(b => (JsonNode)Machine(workflow, b, top: false)).ToArray());
                AddResultPath(json, state);
                break;
            case StateKind.Choice:
                json["Choices"] = new JsonArray(state.Choices.Select(c => (JsonNode)new JsonObject
                {
                    ["Comment"] = "C# condition: " + c.Label,
                    ["Variable"] = "$",
                    ["IsPresent"] = true,
                    ["Next"] = c.Next,
                }).ToArray());
                if (state.Default is not null) json["Default"] = state.Default;
                break;
            case StateKind.Fail:
                if (state.Error is not null) json["Error"] = state.Error;
                if (state.Cause is not null) json["Cause"] = state.Cause;
                break;
        }
        if (state.Retries.Count > 0)
            json["Retry"] = new JsonArray(state.Retries.Select(r => (JsonNode)new JsonObject
            {
                ["ErrorEquals"] = Strings(r.ErrorEquals),
                ["IntervalSeconds"] = r.IntervalSeconds,
                ["MaxAttempts"] = r.MaxAttempts,
                ["BackoffRate"] = r.BackoffRate,
            }).ToArray());
        if (state.Catches.Count > 0)
            json["Catch"] = new JsonArray(state.Catches.Select(c => (JsonNode)new JsonObject
            {
                ["ErrorEquals"] = Strings(c.ErrorEquals),
                ["Next"] = c.Next,
                ["ResultPath"] = c.ResultPath,
            }).ToArray());
        if (state.Kind is not (StateKind.Choice or StateKind.Succeed or StateKind.Fail))
        {
            if (state.Next is not null) json["Next"] = state.Next;
            else json["End"] = true;
        }
        return json;
    }

    /// <summary>"$" is ASL's default and left out; null (discard the result) is written, as ASL spells it.</summary>
    private static void AddResultPath(JsonObject json, StateDefinition state)
    {
        if (state.ResultPath != "$") json["ResultPath"] = state.ResultPath;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static string Type(StateKind kind) => kind == StateKind.Callback ? "Task" : kind.ToString();
}
