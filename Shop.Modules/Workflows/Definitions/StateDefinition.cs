using System.Text.Json.Nodes;

// One state of a definition: everything the engine reads about a state, whatever its kind.
namespace Shop.Modules.Workflows;

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
