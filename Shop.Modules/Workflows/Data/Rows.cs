namespace Shop.Modules.Workflows.Data;

/// <summary>One execution. Times are fixed-width ISO 8601 UTC text, so text order is time order in SQLite.</summary>
internal sealed class ExecutionRow
{
    public required string Id { get; set; }

    public required string Workflow { get; set; }

    /// <summary>The revision of <see cref="Workflow"/> the execution started on (0 for C# workflows); it runs on it to the end.</summary>
    public int Revision { get; set; }

    /// <summary>Unique within <see cref="Workflow"/>: starting the same name again returns this execution.</summary>
    public required string Name { get; set; }

    public required string Status { get; set; }

    public required string CurrentState { get; set; }

    /// <summary>The input of <see cref="CurrentState"/> (JSON): what a retry, a redrive or a resumed step starts from.</summary>
    public required string StateInput { get; set; }

    /// <summary>When the current state was entered (<c>$$.State.EnteredTime</c>; survives restarts).</summary>
    public string? EnteredAt { get; set; }

    /// <summary>How often the execution was redriven.</summary>
    public int RedriveCount { get; set; }

    public string? RedrivenAt { get; set; }

    /// <summary>Retries of the current state so far.</summary>
    public int Attempt { get; set; }

    /// <summary>Null when the current state is ready to run; otherwise what it waits for (see <see cref="Waits"/>).</summary>
    public string? Waiting { get; set; }

    public required string Input { get; set; }

    public string? Output { get; set; }

    public string? Error { get; set; }

    public string? Cause { get; set; }

    /// <summary>The state an execution failed in; a redrive starts there again.</summary>
    public string? FailedState { get; set; }

    public required string StartedAt { get; set; }

    public string? StoppedAt { get; set; }

    /// <summary>Optimistic concurrency: bumped on every update, checked by the UPDATE's WHERE clause.</summary>
    public long Version { get; set; }

    /// <summary>Set on a Parallel branch: the execution whose Parallel state started it.</summary>
    public string? ParentId { get; set; }

    /// <summary>Which round of the parent's Parallel state this branch belongs to, and its index there.</summary>
    public string? ParentRound { get; set; }

    public int? BranchIndex { get; set; }

    /// <summary>Sequence number of the last history event.</summary>
    public int HistoryCount { get; set; }

    /// <summary>
    /// The W3C traceparent of the span that started the execution (an HTTP request, an event handler, the parent's step);
    /// null when nothing was traced. Every step's span is its child, so an execution is one trace, across restarts too.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>A copy of the values as stored, to tell later whether the row changed (the engine's store keeps no ORM change tracker).</summary>
    public ExecutionRow Snapshot() => (ExecutionRow)MemberwiseClone();

    /// <summary>True when a column an update writes differs from <paramref name="stored"/> (the others never change after the insert).</summary>
    public bool ChangedSince(ExecutionRow stored) =>
        Status != stored.Status || CurrentState != stored.CurrentState || StateInput != stored.StateInput || EnteredAt != stored.EnteredAt
        || RedriveCount != stored.RedriveCount || RedrivenAt != stored.RedrivenAt || Attempt != stored.Attempt || Waiting != stored.Waiting
        || Output != stored.Output || Error != stored.Error || Cause != stored.Cause || FailedState != stored.FailedState
        || StartedAt != stored.StartedAt || StoppedAt != stored.StoppedAt || Version != stored.Version || HistoryCount != stored.HistoryCount;
}

internal static class Waits
{
    public const string Timer = "Timer";
    public const string Retry = "Retry";
    public const string Callback = "Callback";
    public const string BranchesPrefix = "Branches:";

    /// <summary>A Map iteration created but not started yet (MaxConcurrency): the Map starts it when another ends.</summary>
    public const string Pending = "Pending";
}

internal sealed class HistoryRow
{
    public long Id { get; set; }

    public required string ExecutionId { get; set; }

    /// <summary>1, 2, 3, ... within the execution (Step Functions' event id).</summary>
    public int Sequence { get; set; }

    public required string Type { get; set; }

    public string? State { get; set; }

    public required string Time { get; set; }

    public string? Details { get; set; }
}

/// <summary>An issued task token; only its SHA-256 hash is stored.</summary>
internal sealed class TaskTokenRow
{
    public required string Hash { get; set; }

    public required string ExecutionId { get; set; }

    public required string State { get; set; }

    public required string Status { get; set; }

    public required string CreatedAt { get; set; }
}

internal static class TokenStatus
{
    public const string Open = "OPEN";
    public const string Used = "USED";
    public const string TimedOut = "TIMED_OUT";
    public const string Cancelled = "CANCELLED";
}

/// <summary>A timer (Invariant 3): the row is the truth, Hangfire only wakes the engine up at <see cref="DueAt"/>.</summary>
internal sealed class DeadlineRow
{
    public long Id { get; set; }

    public required string ExecutionId { get; set; }

    public required string Kind { get; set; }

    public required string State { get; set; }

    public string? TokenHash { get; set; }

    public required string DueAt { get; set; }
}

internal static class DeadlineKind
{
    public const string Wait = "Wait";
    public const string Retry = "Retry";
    public const string Heartbeat = "Heartbeat";
    public const string TaskTimeout = "TaskTimeout";
    public const string ExecutionTimeout = "ExecutionTimeout";
}

/// <summary>The demo workflow's effect log; deliberately not unique, so a doubled effect would show.</summary>
internal sealed class DemoEffectRow
{
    public long Id { get; set; }

    public required string ExecutionId { get; set; }

    public required string Step { get; set; }

    public required string At { get; set; }
}
