using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// The engine's reads and writes of its tables (executions, history, deadlines, task tokens, child executions); the
/// SQL itself is in <see cref="ExecutionSql"/>. Within a unit of work it keeps what is pending, as a change tracker
/// would but for these rows only: executions loaded or added (with the values as stored), history rows, new tokens
/// and deadlines. <see cref="SaveAsync"/> writes them: new executions, a version-checked UPDATE of each changed one,
/// all history rows in one multi-row INSERT, then tokens and deadlines. What must happen only after the commit
/// (waking the worker, scheduling a timer) is queued on the unit of work.
/// </summary>
/// <remarks>
/// Set-based statements (claiming a token, deleting a token's or an execution's deadlines) run at once, as EF's
/// ExecuteUpdate/ExecuteDelete did; like them they do not see what is still pending (<see cref="CloseAsync"/> saves
/// first). A unit of work that fails leaves its pending writes behind; the next unit of work of the scope drops them.
/// </remarks>
internal sealed class ExecutionStore(ExecutionSql sql, ShopConnection connection, UnitOfWork unitOfWork, TimeProvider clock, WorkflowWorker worker,
    WorkflowTimers timers)
{
    // What the current unit of work loaded or added, by id (one instance per execution, as EF's identity map): the
    // stored copy is null while the row's INSERT is pending.
    private readonly Dictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);
    private readonly List<Tracked> _order = [];
    private readonly List<HistoryRow> _history = [];
    private readonly List<TaskTokenRow> _tokens = [];
    private readonly List<DeadlineRow> _deadlines = [];
    private long _unitOfWork = -1;

    public DateTimeOffset UtcNow => clock.GetUtcNow();

    public string Now() => WorkflowsDbContext.FormatTime(clock.GetUtcNow());

    // ---------------------------------------------------------------- executions

    /// <summary>The execution, tracked: changes to it are written by <see cref="SaveAsync"/>.</summary>
    public Task<ExecutionRow?> LoadAsync(string id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Pending();
        // A row whose INSERT is still pending is not in the table yet (as an ORM's query would not find it).
        if (_tracked.TryGetValue(id, out var tracked)) return Task.FromResult(tracked.Stored is null ? null : tracked.Row);
        var row = sql.Execution(id);
        return Task.FromResult(row is null ? null : Track(row));
    }

    /// <summary>The execution as stored, not tracked.</summary>
    public Task<ExecutionRow?> ReadAsync(string id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(sql.Execution(id));
    }

    public Task<ExecutionRow?> FindByNameAsync(string workflow, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(sql.ExecutionByName(workflow, name));
    }

    public void Add(ExecutionRow execution)
    {
        Pending();
        var tracked = new Tracked(execution);
        _tracked.Add(execution.Id, tracked);
        _order.Add(tracked);
        EngineMetrics.Started(unitOfWork, execution);
    }

    /// <summary>
    /// Writes what is pending. An execution changed by someone else since it was loaded throws
    /// <see cref="DbUpdateConcurrencyException"/> (the unit of work rolls back and the conflict retries run it again).
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Pending();
        if (connection.Transaction is null) throw new InvalidOperationException("The engine's store writes only inside a unit of work.");
        var added = _order.Where(t => t.Stored is null).Select(t => t.Row).ToList();
        if (added.Count > 0) sql.InsertExecutions(added);
        foreach (var tracked in _order)
        {
            if (tracked.Stored is { } stored && tracked.Row.ChangedSince(stored))
            {
                tracked.Row.Version = stored.Version + 1;
                if (!sql.UpdateExecution(tracked.Row, stored.Version))
                {
                    tracked.Row.Version = stored.Version;
                    throw new DbUpdateConcurrencyException($"Execution '{tracked.Row.Id}' was changed by someone else since it was read (version {stored.Version}).");
                }
            }
            tracked.Stored = tracked.Row.Snapshot();
        }
        if (_history.Count > 0) sql.InsertHistory(_history);
        foreach (var token in _tokens) sql.InsertToken(token);
        foreach (var deadline in _deadlines) sql.InsertDeadline(deadline);
        _history.Clear();
        _tokens.Clear();
        _deadlines.Clear();
        // Rows other code of the module added to its DbContext in this unit of work (an activity task) go with the step.
        if (connection.Attached<WorkflowsDbContext>() is { } db && db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }

    /// <summary>Once committed, the worker runs the execution's current state.</summary>
    public void Ready(ExecutionRow execution)
    {
        var id = execution.Id;
        unitOfWork.AfterCommit(() => { worker.Enqueue(id); return ValueTask.CompletedTask; });
    }

    // ---------------------------------------------------------------- children (Parallel branches, Map iterations)

    public Task<List<ExecutionRow>> RunningChildrenAsync(string parentId, string round, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Pending();
        return Task.FromResult(sql.RunningChildren(parentId, round).Select(Track).ToList());
    }

    public Task<List<ExecutionRow>> PendingChildrenAsync(string parentId, string round, int count, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Pending();
        return Task.FromResult(sql.PendingChildren(parentId, round, count).Select(Track).ToList());
    }

    public Task<IReadOnlyList<ChildResult>> ChildrenAsync(string parentId, string round, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ChildResult>>(sql.Children(parentId, round));
    }

    // ---------------------------------------------------------------- history

    public void AddHistory(ExecutionRow execution, string type, string? state, JsonObject? details)
    {
        Pending();
        execution.HistoryCount++;
        _history.Add(new HistoryRow
        {
            ExecutionId = execution.Id,
            Sequence = execution.HistoryCount,
            Type = type,
            State = state,
            Time = Now(),
            Details = details?.ToJsonString(),
        });
    }

    // ---------------------------------------------------------------- deadlines

    public void AddDeadline(ExecutionRow execution, string kind, string state, string? tokenHash, DateTimeOffset due)
    {
        Pending();
        var row = new DeadlineRow { ExecutionId = execution.Id, Kind = kind, State = state, TokenHash = tokenHash, DueAt = WorkflowsDbContext.FormatTime(due) };
        _deadlines.Add(row);
        // The id exists once saved; Hangfire hears of the deadline only if it committed.
        unitOfWork.AfterCommit(() => { timers.Schedule(row.Id, due); return ValueTask.CompletedTask; });
    }

    public Task<DeadlineRow?> FindDeadlineAsync(long id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(sql.Deadline(id));
    }

    public void RemoveDeadline(DeadlineRow deadline)
    {
        sql.DeleteDeadline(deadline.Id);
        Unschedule([deadline.Id]);
    }

    public Task<DeadlineRow?> FindHeartbeatAsync(string tokenHash, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(sql.Heartbeat(tokenHash));
    }

    public void MoveDeadline(DeadlineRow deadline, DateTimeOffset due)
    {
        deadline.DueAt = WorkflowsDbContext.FormatTime(due);
        sql.MoveDeadline(deadline.Id, deadline.DueAt);
        var id = deadline.Id;
        unitOfWork.AfterCommit(() => { timers.Schedule(id, due); return ValueTask.CompletedTask; });
    }

    /// <summary>The token's timers (but <paramref name="except"/>, removed by the caller) go.</summary>
    public Task DeleteTokenDeadlinesAsync(string tokenHash, CancellationToken ct, long except = 0)
    {
        ct.ThrowIfCancellationRequested();
        var ids = sql.DeleteTokenDeadlines(tokenHash, except);
        if (ids.Count > 0) Unschedule(ids);
        return Task.CompletedTask;
    }

    /// <summary>Ends the execution's timers and open tokens (saves first: the set-based statements must see rows added in this unit of work).</summary>
    public async Task CloseAsync(ExecutionRow execution, CancellationToken ct)
    {
        await SaveAsync(ct);
        var ids = sql.DeleteExecutionDeadlines(execution.Id);
        if (ids.Count > 0) Unschedule(ids);
        sql.CancelOpenTokens(execution.Id);
        EngineMetrics.Ended(unitOfWork, execution);
    }

    private void Unschedule(IReadOnlyList<long> ids) =>
        unitOfWork.AfterCommit(() => { timers.Unschedule(ids); return ValueTask.CompletedTask; });

    // ---------------------------------------------------------------- task tokens

    public void AddToken(ExecutionRow execution, string state, string hash)
    {
        Pending();
        _tokens.Add(new TaskTokenRow { Hash = hash, ExecutionId = execution.Id, State = state, Status = TokenStatus.Open, CreatedAt = Now() });
    }

    public Task<TaskTokenRow?> FindTokenAsync(string hash, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(sql.Token(hash));
    }

    /// <summary>Conditional update: of any number of concurrent callers, exactly one moves the token from OPEN to <paramref name="status"/>.</summary>
    public Task<bool> ClaimTokenAsync(string hash, string status, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(sql.ClaimToken(hash, status));
    }

    /// <summary>The open token of the execution's current callback state, if it waits for one.</summary>
    public Task<TaskTokenRow?> FindOpenTokenAsync(ExecutionRow execution, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(execution is { Status: ExecutionStatus.Running, Waiting: Waits.Callback } ? sql.OpenToken(execution.Id, execution.CurrentState) : null);
    }

    // ---------------------------------------------------------------- the unit of work's pending writes

    /// <summary>One instance per execution per unit of work: a row read again is the one already tracked (its changes kept).</summary>
    private ExecutionRow Track(ExecutionRow row)
    {
        if (_tracked.TryGetValue(row.Id, out var known)) return known.Row;
        var tracked = new Tracked(row) { Stored = row.Snapshot() };
        _tracked.Add(row.Id, tracked);
        _order.Add(tracked);
        return row;
    }

    /// <summary>
    /// A savepoint nested in the unit of work was rolled back (a chained Task failed): drop every tracked row and pending
    /// write, so that rows are read again as the database now has them. Call <see cref="SaveAsync"/> before the savepoint.
    /// </summary>
    public void Forget()
    {
        Pending();
        Clear();
    }

    /// <summary>Pending writes belong to one unit of work: in a new one (the last failed, or committed), start empty.</summary>
    private void Pending()
    {
        // Outside a unit of work nothing is kept (-1 never matches a unit of work's number).
        var current = connection.Transaction is null ? -1 : connection.UnitOfWorkNumber;
        if (current == _unitOfWork && current != -1) return;
        _unitOfWork = current;
        Clear();
    }

    private void Clear()
    {
        _tracked.Clear();
        _order.Clear();
        _history.Clear();
        _tokens.Clear();
        _deadlines.Clear();
    }

    private sealed class Tracked(ExecutionRow row)
    {
        public ExecutionRow Row { get; } = row;

        public ExecutionRow? Stored { get; set; }
    }
}

internal sealed record ChildResult(string Status, string? Waiting, string? Output, string? Error, string? Cause);
