using System.Text.Json.Nodes;

// The rules a state carries (Retry, Catch, Choice) and the reserved error names they are written with.
namespace Shop.Modules.Workflows;

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
