using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// All of the engine's reads and writes of its tables, in one place (so another store can replace it): executions,
/// history, deadlines, task tokens and child executions. Changes are tracked and written by <see cref="SaveAsync"/>;
/// what must happen only after the commit (waking the worker, scheduling a timer) is queued on the unit of work.
/// </summary>
internal sealed class ExecutionStore(WorkflowsDbContext db, UnitOfWork unitOfWork, TimeProvider clock, WorkflowWorker worker, WorkflowTimers timers)
{
    public DateTimeOffset UtcNow => clock.GetUtcNow();

    public string Now() => WorkflowsDbContext.FormatTime(clock.GetUtcNow());

    // ---------------------------------------------------------------- executions

    public Task<ExecutionRow?> LoadAsync(string id, CancellationToken ct) => db.Executions.FirstOrDefaultAsync(e => e.Id == id, ct);

    public Task<ExecutionRow?> ReadAsync(string id, CancellationToken ct) => db.Executions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    public Task<ExecutionRow?> FindByNameAsync(string workflow, string name, CancellationToken ct) =>
        db.Executions.AsNoTracking().FirstOrDefaultAsync(e => e.Workflow == workflow && e.Name == name, ct);

    public void Add(ExecutionRow execution) => db.Executions.Add(execution);

    /// <summary>Writes the tracked changes; an execution changed by someone else since it was loaded throws DbUpdateConcurrencyException.</summary>
    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    /// <summary>Once committed, the worker runs the execution's current state.</summary>
    public void Ready(ExecutionRow execution)
    {
        var id = execution.Id;
        unitOfWork.AfterCommit(() => { worker.Enqueue(id); return ValueTask.CompletedTask; });
    }

    // ---------------------------------------------------------------- children (Parallel branches, Map iterations)

    public Task<List<ExecutionRow>> RunningChildrenAsync(string parentId, string round, CancellationToken ct) =>
        db.Executions.Where(e => e.ParentId == parentId && e.ParentRound == round && e.Status == ExecutionStatus.Running).ToListAsync(ct);

    public Task<List<ExecutionRow>> PendingChildrenAsync(string parentId, string round, int count, CancellationToken ct) =>
        db.Executions.Where(e => e.ParentId == parentId && e.ParentRound == round && e.Status == ExecutionStatus.Running && e.Waiting == Waits.Pending)
            .OrderBy(e => e.BranchIndex).Take(count).ToListAsync(ct);

    public async Task<IReadOnlyList<ChildResult>> ChildrenAsync(string parentId, string round, CancellationToken ct) =>
        await db.Executions.AsNoTracking()
            .Where(e => e.ParentId == parentId && e.ParentRound == round)
            .OrderBy(e => e.BranchIndex)
            .Select(e => new ChildResult(e.Status, e.Waiting, e.Output, e.Error, e.Cause))
            .ToListAsync(ct);

    // ---------------------------------------------------------------- history

    public void AddHistory(ExecutionRow execution, string type, string? state, JsonObject? details)
    {
        execution.HistoryCount++;
        db.History.Add(new HistoryRow
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
        var row = new DeadlineRow { ExecutionId = execution.Id, Kind = kind, State = state, TokenHash = tokenHash, DueAt = WorkflowsDbContext.FormatTime(due) };
        db.Deadlines.Add(row);
        // The id exists once saved; Hangfire hears of the deadline only if it committed.
        unitOfWork.AfterCommit(() => { timers.Schedule(row.Id, due); return ValueTask.CompletedTask; });
    }

    public Task<DeadlineRow?> FindDeadlineAsync(long id, CancellationToken ct) => db.Deadlines.FirstOrDefaultAsync(d => d.Id == id, ct);

    public void RemoveDeadline(DeadlineRow deadline)
    {
        db.Deadlines.Remove(deadline);
        Unschedule([deadline.Id]);
    }

    public Task<DeadlineRow?> FindHeartbeatAsync(string tokenHash, CancellationToken ct) =>
        db.Deadlines.FirstOrDefaultAsync(d => d.TokenHash == tokenHash && d.Kind == DeadlineKind.Heartbeat, ct);

    public void MoveDeadline(DeadlineRow deadline, DateTimeOffset due)
    {
        deadline.DueAt = WorkflowsDbContext.FormatTime(due);
        var id = deadline.Id;
        unitOfWork.AfterCommit(() => { timers.Schedule(id, due); return ValueTask.CompletedTask; });
    }

    /// <summary>The token's timers (but <paramref name="except"/>, removed by the caller) go.</summary>
    public async Task DeleteTokenDeadlinesAsync(string tokenHash, CancellationToken ct, long except = 0)
    {
        var ids = await db.Deadlines.Where(d => d.TokenHash == tokenHash && d.Id != except).Select(d => d.Id).ToListAsync(ct);
        if (ids.Count == 0) return;
        await db.Deadlines.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
        Unschedule(ids);
    }

    /// <summary>Ends the execution's timers and open tokens (flushes first: set-based statements must see rows added in this unit of work).</summary>
    public async Task CloseAsync(ExecutionRow execution, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var ids = await db.Deadlines.Where(d => d.ExecutionId == execution.Id).Select(d => d.Id).ToListAsync(ct);
        if (ids.Count > 0)
        {
            await db.Deadlines.Where(d => d.ExecutionId == execution.Id).ExecuteDeleteAsync(ct);
            Unschedule(ids);
        }
        await db.TaskTokens.Where(t => t.ExecutionId == execution.Id && t.Status == TokenStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TokenStatus.Cancelled), ct);
    }

    private void Unschedule(IReadOnlyList<long> ids) =>
        unitOfWork.AfterCommit(() => { timers.Unschedule(ids); return ValueTask.CompletedTask; });

    // ---------------------------------------------------------------- task tokens

    public void AddToken(ExecutionRow execution, string state, string hash) =>
        db.TaskTokens.Add(new TaskTokenRow { Hash = hash, ExecutionId = execution.Id, State = state, Status = TokenStatus.Open, CreatedAt = Now() });

    public Task<TaskTokenRow?> FindTokenAsync(string hash, CancellationToken ct) => db.TaskTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);

    /// <summary>Conditional update: of any number of concurrent callers, exactly one moves the token from OPEN to <paramref name="status"/>.</summary>
    public async Task<bool> ClaimTokenAsync(string hash, string status, CancellationToken ct) =>
        await db.TaskTokens.Where(t => t.Hash == hash && t.Status == TokenStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status), ct) == 1;

    /// <summary>The open token of the execution's current callback state, if it waits for one.</summary>
    public Task<TaskTokenRow?> FindOpenTokenAsync(ExecutionRow execution, CancellationToken ct) =>
        execution is { Status: ExecutionStatus.Running, Waiting: Waits.Callback }
            ? db.TaskTokens.AsNoTracking()
                .Where(t => t.ExecutionId == execution.Id && t.State == execution.CurrentState && t.Status == TokenStatus.Open)
                .OrderByDescending(t => t.CreatedAt)
                .FirstOrDefaultAsync(ct)
            : Task.FromResult<TaskTokenRow?>(null);
}

internal sealed record ChildResult(string Status, string? Waiting, string? Output, string? Error, string? Cause);
