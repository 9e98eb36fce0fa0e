using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.Workflows.Asl;

/// <summary>Task, Choice, Wait and Parallel states.</summary>
internal sealed partial class AslStateCompiler
{
    private static readonly string[] Patterns = [".waitForTaskToken", ".sync:2", ".sync"];
    private static readonly string[] WaitFields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];

    private StateDefinition Task()
    {
        _fields.OnlyFields(Fields("Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "TimeoutSeconds",
            "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"));
        var arn = _fields.String("Resource", required: true)!;
        var pattern = Patterns.FirstOrDefault(p => arn.EndsWith(p, StringComparison.Ordinal)) ?? "";
        var resource = arn[..^pattern.Length];
        pattern = pattern.TrimStart('.');
        var served = compiler.ResourceFor(resource)
            ?? throw _fields.Invalid("Resource", $"'{arn}' is not a resource this shop serves (unknown resource)");
        // An activity waits for a worker (GetActivityTask) to answer its token; it takes no integration pattern.
        var activity = served is Resources.ActivityTaskResource;
        if (activity && pattern.Length > 0) throw _fields.Invalid("Resource", $"'{arn}': an activity takes no integration pattern");
        // .sync and .sync:2 wait for the child execution's end: the resource answers the callback's token then.
        var callback = activity || pattern is "waitForTaskToken" or "sync" or "sync:2";
        var state = new StateDefinition(name, callback ? StateKind.Callback : StateKind.Task) { Flow = Flow(parameters: true, resultSelector: true, resultPath: true) };
        if (activity) state.TaskEvents = "Activity";
        state.Step = async (step, ct) =>
        {
            var served = step.Services.GetServices<ITaskResource>().FirstOrDefault(r => r.Serves(resource))
                ?? throw new StepFailedException(AslErrors.Runtime, $"No resource serves '{resource}' any more.");
            return await served.InvokeAsync(new TaskInvocation(resource, pattern, step.Input, step), ct);
        };

        if (_fields.Has("TimeoutSeconds") && _fields.Has("TimeoutSecondsPath")) throw _fields.Invalid("TimeoutSecondsPath", "use TimeoutSeconds or TimeoutSecondsPath, not both");
        if (_fields.Has("HeartbeatSeconds") && _fields.Has("HeartbeatSecondsPath")) throw _fields.Invalid("HeartbeatSecondsPath", "use HeartbeatSeconds or HeartbeatSecondsPath, not both");
        state.TimeoutSeconds = _fields.Int("TimeoutSeconds", 1, 99_999_999);
        state.HeartbeatSeconds = _fields.Int("HeartbeatSeconds", 1, 99_999_999);
        if (state is { TimeoutSeconds: { } t, HeartbeatSeconds: { } h } && h >= t)
            throw _fields.Invalid("HeartbeatSeconds", $"must be smaller than TimeoutSeconds ({t})");
        if (_fields.OptionalPath("TimeoutSecondsPath") is { } timeoutPath) state.TimeoutSecondsFrom = input => SecondsAt(timeoutPath, input);
        if (_fields.OptionalPath("HeartbeatSecondsPath") is { } heartbeatPath) state.HeartbeatSecondsFrom = input => SecondsAt(heartbeatPath, input);
        RetryAndCatch(state);
        Transition(state);
        return state;
    }

    private static int? SecondsAt(AslPath path, JsonNode input) =>
        path.TryEvaluate(input, out var value) && AslJson.TryInteger(value, out var seconds) && seconds > 0 ? (int)Math.Min(seconds, 99_999_999) : null;

    private StateDefinition Choice()
    {
        _fields.OnlyFields(["Type", "Comment", "Choices", "Default", "InputPath", "OutputPath", "QueryLanguage"]);
        NoTransition("Choice");
        var rules = _fields.Array("Choices", required: true)!;
        if (rules.Count == 0) throw _fields.Invalid("Choices", "must have at least one rule");
        var state = new StateDefinition(name, StateKind.Choice) { ResultPath = null, Default = _fields.String("Default"), Flow = Flow(false, false, false) };
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not JsonObject rule) throw _fields.Invalid("Choices", $"rule {i + 1} must be a JSON object");
            var next = new AslFields(rule, name, $"{where}/Choices/{i}").String("Next", required: true)!;
            Func<AslScope, bool> predicate;
            try
            {
                predicate = ChoiceRules.Compile(rule, topLevel: true);
            }
            catch (FormatException ex)
            {
                throw _fields.Invalid("Choices", $"rule {i + 1}: {ex.Message}");
            }
            // The context object ($$) comes with the call: the engine passes the state's context to the rule.
            state.ChoiceList.Add(new ChoiceRule($"rule {i + 1}", input => predicate(Scope(input, null)), next)
            {
                ContextCondition = (input, context) => predicate(Scope(input, context)),
            });
        }
        return state;
    }

    private StateDefinition Wait()
    {
        _fields.OnlyFields(Fields("Seconds", "SecondsPath", "Timestamp", "TimestampPath"));
        var given = WaitFields.Where(_fields.Has).ToArray();
        if (given.Length != 1) throw _fields.Invalid("Seconds", "a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        var state = new StateDefinition(name, StateKind.Wait) { ResultPath = null, Flow = Flow(false, false, false) };
        Transition(state);
        switch (given[0])
        {
            case "Seconds":
                var seconds = _fields.Int("Seconds", 0, 99_999_999)!.Value;
                state.WaitUntilFrom = (_, _, now) => now.AddSeconds(seconds);
                break;
            case "Timestamp":
                var text = _fields.String("Timestamp")!;
                if (!Timestamps.TryParse(text, out var at)) throw _fields.Invalid("Timestamp", $"'{text}' is not an RFC 3339 timestamp (e.g. 2026-03-14T01:59:00Z)");
                state.WaitUntilFrom = (_, _, _) => at;
                break;
            case "SecondsPath":
                var secondsPath = _fields.OptionalPath("SecondsPath")!;
                state.WaitUntilFrom = (input, context, now) =>
                {
                    var scope = Scope(input, context);
                    var value = ReadWaitPath(scope, secondsPath);
                    if (!AslJson.TryInteger(value, out var s))
                        throw scope.Runtime($"The SecondsPath parameter cannot be parsed as a long value: {secondsPath.Text} == {AslJson.JavaText(value)}");
                    if (s < 0) throw scope.Runtime($"The SecondsPath parameter references a negative value: {secondsPath.Text} == {s}");
                    return now.AddSeconds(Math.Min(s, 99_999_999));
                };
                break;
            default:
                var timestampPath = _fields.OptionalPath("TimestampPath")!;
                state.WaitUntilFrom = (input, context, _) =>
                {
                    var scope = Scope(input, context);
                    var value = ReadWaitPath(scope, timestampPath);
                    return AslJson.TryString(value, out var s) && Timestamps.TryParse(s, out var time)
                        ? time
                        : throw scope.Runtime($"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {timestampPath.Text} == {AslJson.JavaText(value)}");
                };
                break;
        }
        return state;
    }

    private static JsonNode? ReadWaitPath(AslScope scope, AslPath path)
    {
        try
        {
            return scope.Read(path);
        }
        catch (PathNotFoundException ex)
        {
            throw scope.Runtime($"Invalid path '{path.Text}' : {ex.Message}");
        }
    }

    private StateDefinition Parallel()
    {
        _fields.OnlyFields(Fields("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"));
        var branches = _fields.Array("Branches", required: true)!;
        if (branches.Count == 0) throw _fields.Invalid("Branches", "must have at least one branch");
        var state = new StateDefinition(name, StateKind.Parallel) { Flow = Flow(parameters: true, resultSelector: true, resultPath: true) };
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i] is not JsonObject branch) throw _fields.Invalid("Branches", $"branch {i} must be a JSON object with StartAt and States");
            state.BranchList.Add(compiler.CompileMachine($"{machine}/{name}/{i.ToString(CultureInfo.InvariantCulture)}", branch, $"{where}/Branches/{i}", revision));
        }
        RetryAndCatch(state);
        Transition(state);
        return state;
    }
}
