using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

/// <summary>
/// The engine as other modules (and the HTTP API) use it: Step Functions' StartExecution, DescribeExecution,
/// SendTaskSuccess/Failure/Heartbeat and friends. Scoped: called inside a caller's unit of work, a start or a
/// callback commits with the caller's own changes.
/// </summary>
public interface IWorkflowEngine
{
    IReadOnlyList<WorkflowDefinition> Definitions { get; }

    /// <summary>Starts an execution and returns at once; the same <paramref name="name"/> again returns the first execution.</summary>
    Task<StartedExecution> StartAsync(string workflow, JsonNode? input = null, string? name = null, CancellationToken cancellationToken = default);

    Task<ExecutionDescription> DescribeAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>Newest first, 50 a page (page 1 is the first).</summary>
    Task<ExecutionPage> ListAsync(string? workflow = null, string? status = null, int page = 1, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>Mermaid state diagram with the current, visited and failed states styled.</summary>
    Task<string> GetGraphAsync(string executionId, CancellationToken cancellationToken = default);

    Task<int> CountRunningAsync(string workflow, CancellationToken cancellationToken = default);

    /// <summary>
    /// The execution's Map iterations and Parallel branches (child executions), by the state that ran them, oldest
    /// round first, at most <see cref="ChildExecution.MaxListed"/>.
    /// </summary>
    Task<IReadOnlyList<ChildExecution>> GetChildrenAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>RUNNING → ABORTED; otherwise a 409 ConflictException.</summary>
    Task StopAsync(string executionId, string? error = null, string? cause = null, CancellationToken cancellationToken = default);

    /// <summary>A FAILED execution resumes from the state that failed; otherwise a 409 ConflictException.</summary>
    Task RedriveAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>Completes a wait-for-callback state; its output becomes the state's result.</summary>
    Task SendTaskSuccessAsync(string taskToken, JsonNode? output, CancellationToken cancellationToken = default);

    Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default);

    Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default);

    /// <summary>How many executions each workflow has in each status (Parallel branches not counted), for dashboards.</summary>
    Task<IReadOnlyList<ExecutionCount>> CountByStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The open callback the execution waits for in its current state, or null when it waits for none.</summary>
    Task<WaitingCallback?> GetWaitingCallbackAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SendTaskSuccessAsync"/> for whoever holds no token (an operator in the admin console): answers the
    /// open token of the execution's current wait-for-callback state. 409 when the execution waits for no callback.
    /// </summary>
    Task SendTaskSuccessForExecutionAsync(string executionId, JsonNode? output, CancellationToken cancellationToken = default);

    /// <summary><see cref="SendTaskFailureAsync"/> by execution id; see <see cref="SendTaskSuccessForExecutionAsync"/>.</summary>
    Task SendTaskFailureForExecutionAsync(string executionId, string? error, string? cause, CancellationToken cancellationToken = default);

    /// <summary><see cref="SendTaskHeartbeatAsync"/> by execution id; see <see cref="SendTaskSuccessForExecutionAsync"/>.</summary>
    Task SendTaskHeartbeatForExecutionAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>The execution of <paramref name="workflow"/> named <paramref name="name"/> ((workflow, name) is unique), or null.</summary>
    Task<ExecutionDescription?> FindByNameAsync(string workflow, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Newest first, <paramref name="pageSize"/> (1-1000) at a time, after <paramref name="after"/> (the last execution of the
    /// previous page): a keyset, so executions started meanwhile never shift a later page (the AWS API's nextToken).
    /// </summary>
    Task<ExecutionSlice> ListAfterAsync(string? workflow, string? status, int pageSize, ExecutionCursor? after, CancellationToken cancellationToken = default);
}

/// <summary>Where a page of <see cref="IWorkflowEngine.ListAfterAsync"/> ended: the last execution's start time and id.</summary>
public sealed record ExecutionCursor(DateTimeOffset StartDate, string ExecutionId);

/// <param name="Next">Where the next page starts; null when this was the last page.</param>
public sealed record ExecutionSlice(IReadOnlyList<ExecutionSummary> Executions, ExecutionCursor? Next);

/// <summary>
/// Execution names: 1-100 characters, none of them whitespace, a control character or one that Step Functions refuses in a
/// name (<c>&lt; &gt; { } [ ] ? * " # % \ ^ | ~ ` $ &amp; , ; /</c>). ':' stays allowed for the shop's own names.
/// </summary>
public static class ExecutionNames
{
    public const int MaxLength = 100;

    private const string Refused = "<>{}[]?*\"#%\\^|~`$&,;/";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && FirstRefused(name) is null;

    /// <summary>
    /// The first character refused anywhere in a name (whitespace, control characters, U+FFFE/U+FFFF, an unpaired
    /// surrogate, AWS's special characters), or null. A surrogate pair (e.g. an emoji) is one valid character.
    /// </summary>
    public static string? FirstRefused(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || Refused.Contains(c, StringComparison.Ordinal))
                return c.ToString();
        }
        return null;
    }
}

public static class ExecutionStatus
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string TimedOut = "TIMED_OUT";
    public const string Aborted = "ABORTED";

    public static readonly IReadOnlyList<string> All = [Running, Succeeded, Failed, TimedOut, Aborted];
}

/// <param name="Created">False when an execution of that name already existed (idempotent start).</param>
public sealed record StartedExecution(string ExecutionId, string Name, string Workflow, bool Created, DateTimeOffset StartDate);

/// <param name="TraceId">The OpenTelemetry trace the execution's steps belong to (docs/observability.md); null when it started untraced.</param>
public sealed record ExecutionDescription(
    string ExecutionId,
    string Name,
    string Workflow,
    string Status,
    string? CurrentState,
    JsonNode? Input,
    JsonNode? Output,
    string? Error,
    string? Cause,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    string? ParentExecutionId,
    int Revision = 0,
    int RedriveCount = 0,
    DateTimeOffset? RedriveDate = null,
    string? TraceId = null);

public sealed record ExecutionSummary(string ExecutionId, string Name, string Workflow, string Status, string? CurrentState,
    DateTimeOffset StartDate, DateTimeOffset? StopDate);

public sealed record ExecutionPage(IReadOnlyList<ExecutionSummary> Executions, int Page, int PageSize, bool HasMore);

public sealed record ExecutionCount(string Workflow, string Status, int Count);

/// <summary>A Map iteration or Parallel branch: <see cref="State"/> ran it, <see cref="Index"/> is the item's or the branch's.</summary>
public sealed record ChildExecution(string ExecutionId, string State, int Index, string Status, string? CurrentState, string? Error,
    DateTimeOffset StartDate, DateTimeOffset? StopDate)
{
    public const int MaxListed = 500;
}

/// <summary>A wait-for-callback state with an open task token (only the token's hash is stored, so no token here).</summary>
public sealed record WaitingCallback(string ExecutionId, string State, DateTimeOffset Since);

/// <summary>One history event, named as Step Functions names it (TaskStateEntered, TaskSucceeded, ...).</summary>
public sealed record HistoryEvent(int Id, string Type, DateTimeOffset Timestamp, string? State, JsonNode? Details);
