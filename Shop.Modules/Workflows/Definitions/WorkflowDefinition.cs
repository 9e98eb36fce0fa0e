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

    /// <summary>Runs its <see cref="StateDefinition.Iterator"/> once per item, each run a child execution like a Parallel branch.</summary>
    Map,
}

/// <summary>A finished workflow definition: built once with <see cref="Workflow.Define"/>, then immutable.</summary>
public sealed class WorkflowDefinition
{
    /// <param name="revision">0 for C# definitions; ASL state machines count up from 1.</param>
    /// <param name="document">The ASL text of an ASL state machine (null for C#).</param>
    /// <param name="source"><see cref="WorkflowSources.CSharp"/> or <see cref="WorkflowSources.Asl"/>.</param>
    internal WorkflowDefinition(string name, string startAt, IReadOnlyList<StateDefinition> states, int? timeoutSeconds, string? comment,
        int revision = 0, string? document = null, string source = WorkflowSources.CSharp)
    {
        Name = name;
        Revision = revision;
        Document = document;
        Source = source;
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

    /// <summary>0 for C# definitions. A running execution keeps the revision it started on.</summary>
    public int Revision { get; }

    /// <summary>The ASL JSON text for ASL workflows, null for C#.</summary>
    public string? Document { get; }

    /// <summary>"csharp" or "asl" (<see cref="WorkflowSources"/>).</summary>
    public string Source { get; }

    /// <summary>The same definition as another revision (what the registry stores when an ASL machine is updated).</summary>
    internal WorkflowDefinition WithRevision(int revision, string? document, string source) =>
        new(Name, StartAt, States, TimeoutSeconds, Comment, revision, document, source);

    internal IReadOnlyDictionary<string, StateDefinition> ByName { get; }

    internal StateDefinition this[string state] => ByName[state];

    public bool TryGetState(string state, out StateDefinition definition) => ByName.TryGetValue(state, out definition!);

    /// <summary>Every definition a state of this one runs as a child execution (Parallel branches, Map iterators), recursively.</summary>
    internal IEnumerable<WorkflowDefinition> Children() =>
        States.SelectMany(s => s.Iterator is null ? s.Branches : s.Branches.Append(s.Iterator)).SelectMany(c => c.Children().Prepend(c));

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

    /// <summary>
    /// The prefix of the task's history events: "Task" (TaskScheduled, TaskStarted, TaskSucceeded, ...) or "Activity" for a
    /// Task whose Resource is an activity (ActivityScheduled; ActivityStarted is written when a worker takes it).
    /// </summary>
    public string TaskEvents { get; internal set; } = "Task";

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

    /// <summary>Step Functions' data flow (InputPath, Parameters, ResultSelector, ResultPath, OutputPath, ...); null keeps the C# behaviour.</summary>
    public StateDataFlow? Flow { get; internal set; }

    /// <summary>A step's null result means JSON null (ASL), not "the input passes on" (C#).</summary>
    public bool NullResultIsNull { get; internal set; }

    /// <summary>Map: the definition run once per item.</summary>
    public WorkflowDefinition? Iterator { get; internal set; }

    /// <summary>Map: how many iterations run at once (0 = no limit).</summary>
    public int MaxConcurrency { get; internal set; }

    /// <summary>Map: how many iterations may fail before the state fails with States.ExceedToleratedFailureThreshold.</summary>
    public int? ToleratedFailureCount { get; internal set; }

    /// <summary>Map: the share (0-100) of iterations that may fail.</summary>
    public double? ToleratedFailurePercentage { get; internal set; }

    /// <summary>
    /// Map: ToleratedFailureCountPath / ToleratedFailurePercentagePath, read from the state's input after InputPath (checked when
    /// the Map starts); a null part keeps <see cref="ToleratedFailureCount"/> / <see cref="ToleratedFailurePercentage"/>.
    /// </summary>
    public Func<JsonNode, StateContext, (int? Count, double? Percentage)>? ToleranceFrom { get; internal set; }

    /// <summary>TimeoutSecondsPath: read from the state's input after InputPath (not Parameters); null there keeps <see cref="TimeoutSeconds"/>.</summary>
    public Func<JsonNode, int?>? TimeoutSecondsFrom { get; internal set; }

    /// <summary>HeartbeatSecondsPath: read from the state's input after InputPath (not Parameters).</summary>
    public Func<JsonNode, int?>? HeartbeatSecondsFrom { get; internal set; }

    /// <summary>Wait: when it ends, from the effective input and now (ASL Seconds/SecondsPath/Timestamp/TimestampPath); scaled by Workflows:TimeScale.</summary>
    public Func<JsonNode, StateContext, DateTimeOffset, DateTimeOffset>? WaitUntilFrom { get; internal set; }

    /// <summary>Fail: ErrorPath/CausePath, from the effective input; a null part keeps <see cref="Error"/> / <see cref="Cause"/>.</summary>
    public Func<JsonNode, StateContext, (string? Error, string? Cause)>? FailFrom { get; internal set; }

    /// <summary>Map, C# form: where the items are ("$" when null); <see cref="StateDataFlow.ItemsPath"/> wins when set.</summary>
    internal string? ItemsPathText { get; set; }

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

/// <summary>
/// Retry the state on these errors, waiting min(IntervalSeconds × BackoffRate^(attempt-1), MaxDelaySeconds) between
/// tries; with <see cref="JitterStrategy.Full"/> a random time in [0, that delay].
/// </summary>
public sealed record RetryRule(IReadOnlyList<string> ErrorEquals, double IntervalSeconds = 1, int MaxAttempts = 3, double BackoffRate = 2.0,
    double? MaxDelaySeconds = null, JitterStrategy Jitter = JitterStrategy.None);

public enum JitterStrategy
{
    None,
    Full,
}

public static class WorkflowSources
{
    public const string CSharp = "csharp";
    public const string Asl = "asl";
}

/// <summary>On these errors go to <see cref="Next"/>, with <c>{Error, Cause}</c> at <see cref="ResultPath"/>.</summary>
public sealed record CatchRule(IReadOnlyList<string> ErrorEquals, string Next, string? ResultPath = "$")
{
    internal string Trigger => "catch " + string.Join(", ", ErrorEquals);
}

/// <summary>A Choice branch: when <see cref="Condition"/> holds for the state input, go to <see cref="Next"/>.</summary>
public sealed record ChoiceRule(string Label, Func<JsonNode, bool> Condition, string Next)
{
    /// <summary>An ASL rule's condition, which may read the context object (<c>$$</c>) too; it wins over <see cref="Condition"/>.</summary>
    internal Func<JsonNode, StateContext, bool>? ContextCondition { get; init; }

    internal bool Holds(JsonNode input, StateContext context) => ContextCondition?.Invoke(input, context) ?? Condition(input);
}

/// <summary>Step Functions' reserved error names.</summary>
public static class StatesErrors
{
    public const string All = "States.ALL";
    public const string TaskFailed = "States.TaskFailed";
    public const string Timeout = "States.Timeout";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string Runtime = "States.Runtime";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string DataLimitExceeded = "States.DataLimitExceeded";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string BranchFailed = "States.BranchFailed";
    public const string Permissions = "States.Permissions";

    /// <remarks>As Step Functions: the wildcards (States.ALL, States.TaskFailed) do not catch the terminal States.Runtime and States.DataLimitExceeded.</remarks>
    /// <remarks>
    /// A missed heartbeat is both: a rule naming States.Timeout catches States.HeartbeatTimeout, and a rule naming
    /// States.HeartbeatTimeout catches the States.Timeout a callback or a local task raises when its heartbeat is missed.
    /// </remarks>
    internal static bool Matches(IReadOnlyList<string> errorEquals, string error, bool missedHeartbeat = false) =>
        errorEquals.Contains(error)
        || (error == HeartbeatTimeout && errorEquals.Contains(Timeout))
        || (missedHeartbeat && errorEquals.Contains(HeartbeatTimeout))
        || (error is not (Runtime or DataLimitExceeded)
            && (errorEquals.Contains(All) || (errorEquals.Contains(TaskFailed) && error is not (Timeout or HeartbeatTimeout))));
}
