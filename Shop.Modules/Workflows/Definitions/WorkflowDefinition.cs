using System.Text.Json.Nodes;
using Stateless;

namespace Shop.Modules.Workflows;

/// <summary>The kinds of state, as Step Functions names them (a wait-for-callback Task is its own kind here).</summary>
public enum StateKind
{
    Task,
    Callback,
    Choice,
    Wait,
    Pass,
    Parallel,
    Succeed,
    Fail,
}

/// <summary>A finished workflow definition: built once with <see cref="Workflow.Define"/>, then immutable.</summary>
public sealed class WorkflowDefinition
{
    internal WorkflowDefinition(string name, string startAt, IReadOnlyList<StateDefinition> states, int? timeoutSeconds, string? comment)
    {
        Name = name;
        StartAt = startAt;
        States = states;
        TimeoutSeconds = timeoutSeconds;
        Comment = comment;
        ByName = states.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string StartAt { get; }

    /// <summary>In the order they were declared.</summary>
    public IReadOnlyList<StateDefinition> States { get; }

    /// <summary>The whole execution's deadline; past it the execution ends TIMED_OUT.</summary>
    public int? TimeoutSeconds { get; }

    public string? Comment { get; }

    internal IReadOnlyDictionary<string, StateDefinition> ByName { get; }

    internal StateDefinition this[string state] => ByName[state];

    /// <summary>
    /// The definition as a Stateless machine over an externally stored state name: the engine fires
    /// a transition's trigger, Stateless checks it is allowed and writes the new state back.
    /// </summary>
    internal StateMachine<string, string> CreateMachine(Func<string> read, Action<string> write)
    {
        var machine = new StateMachine<string, string>(read, write);
        foreach (var state in States)
        {
            var configuration = machine.Configure(state.Name);
            foreach (var (trigger, target) in state.Transitions())
            {
                if (target == state.Name) configuration.PermitReentry(trigger);
                else configuration.Permit(trigger, target);
            }
        }
        return machine;
    }
}

/// <summary>One state of a definition. Which members mean something depends on <see cref="Kind"/>.</summary>
public sealed class StateDefinition
{
    internal const string DoneTrigger = "done";
    internal const string ElapsedTrigger = "elapsed";
    internal const string CallbackTrigger = "callback";
    internal const string OtherwiseTrigger = "otherwise";

    internal StateDefinition(string name, StateKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public StateKind Kind { get; }

    public string? Next { get; internal set; }

    public bool End { get; internal set; }

    public string? Comment { get; internal set; }

    /// <summary>Where the state's result goes in its input: "$" replaces it, "$.a.b" merges, null discards the result.</summary>
    public string? ResultPath { get; internal set; } = "$";

    public IReadOnlyList<RetryRule> Retries => RetryList;

    public IReadOnlyList<CatchRule> Catches => CatchList;

    public IReadOnlyList<ChoiceRule> Choices => ChoiceList;

    public string? Default { get; internal set; }

    public double? Seconds { get; internal set; }

    public string? SecondsPath { get; internal set; }

    public string? TimestampPath { get; internal set; }

    public int? HeartbeatSeconds { get; internal set; }

    public int? TimeoutSeconds { get; internal set; }

    public JsonNode? Result { get; internal set; }

    public IReadOnlyList<WorkflowDefinition> Branches => BranchList;

    public string? Error { get; internal set; }

    public string? Cause { get; internal set; }

    internal Func<StepContext, CancellationToken, Task<JsonNode?>>? Step { get; set; }

    internal List<RetryRule> RetryList { get; } = [];

    internal List<CatchRule> CatchList { get; } = [];

    internal List<ChoiceRule> ChoiceList { get; } = [];

    internal List<WorkflowDefinition> BranchList { get; } = [];

    /// <summary>Every edge out of this state, named by its trigger (what the graph shows).</summary>
    internal IEnumerable<(string Trigger, string Target)> Transitions()
    {
        if (Next is not null) yield return (NextTrigger, Next);
        foreach (var rule in ChoiceList) yield return (rule.Label, rule.Next);
        if (Default is not null) yield return (OtherwiseTrigger, Default);
        foreach (var rule in CatchList) yield return (rule.Trigger, rule.Next);
    }

    internal string NextTrigger => Kind switch
    {
        StateKind.Wait => ElapsedTrigger,
        StateKind.Callback => CallbackTrigger,
        _ => DoneTrigger,
    };
}

/// <summary>Retry the state on these errors, waiting IntervalSeconds × BackoffRate^(attempt-1) between tries.</summary>
public sealed record RetryRule(IReadOnlyList<string> ErrorEquals, double IntervalSeconds = 1, int MaxAttempts = 3, double BackoffRate = 2.0);

/// <summary>On these errors go to <see cref="Next"/>, with <c>{Error, Cause}</c> at <see cref="ResultPath"/>.</summary>
public sealed record CatchRule(IReadOnlyList<string> ErrorEquals, string Next, string? ResultPath = "$")
{
    internal string Trigger => "catch " + string.Join(", ", ErrorEquals);
}

/// <summary>A Choice branch: when <see cref="Condition"/> holds for the state input, go to <see cref="Next"/>.</summary>
public sealed record ChoiceRule(string Label, Func<JsonNode, bool> Condition, string Next);

/// <summary>Step Functions' reserved error names.</summary>
public static class StatesErrors
{
    public const string All = "States.ALL";
    public const string TaskFailed = "States.TaskFailed";
    public const string Timeout = "States.Timeout";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string Runtime = "States.Runtime";

    internal static bool Matches(IReadOnlyList<string> errorEquals, string error) =>
        errorEquals.Contains(All)
        || errorEquals.Contains(error)
        || (errorEquals.Contains(TaskFailed) && error != Timeout);
}
