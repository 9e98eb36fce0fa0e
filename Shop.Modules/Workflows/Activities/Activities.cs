using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows.Activities;

/// <summary>
/// <see cref="IActivities"/> over wf_activities and wf_activity_tasks. Every database touch runs in a scope of its own,
/// so a long poll holds no connection and no turn of the writer while it waits for <see cref="ActivityCatalog.Wake"/>.
/// </summary>
internal sealed class Activities(IServiceScopeFactory scopes, ActivityCatalog catalog, TimeProvider clock) : IActivities
{
    public const int MaxNameLength = 80;

    public async Task<ActivityInfo> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var row = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            var row = await db.Activities.FirstOrDefaultAsync(a => a.Name == name, ct);
            if (row is null) db.Activities.Add(row = new ActivityRow { Name = name, CreatedAt = WorkflowsDbContext.FormatTime(clock.GetUtcNow()) });
            else if (row.Deleted) (row.Deleted, row.CreatedAt) = (false, WorkflowsDbContext.FormatTime(clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return row;
        }, cancellationToken);
        catalog.Set(name, live: true);
        return Info(row);
    }

    public async Task<ActivityInfo?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Activities.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Name == name && !a.Deleted, cancellationToken);
        return row is null ? null : Info(row);
    }

    public async Task<IReadOnlyList<ActivityInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Activities.AsNoTracking()
            .Where(a => !a.Deleted).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(Info).ToList();
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(ct =>
            db.Activities.Where(a => a.Name == name && !a.Deleted).ExecuteUpdateAsync(s => s.SetProperty(a => a.Deleted, true), ct), cancellationToken);
        if (catalog.IsKnown(name)) catalog.Set(name, live: false);
        catalog.Wake(name);
    }

    public async Task<ActivityTask?> PollAsync(string name, string? workerName, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var until = clock.GetUtcNow() + wait;
        while (true)
        {
            // The signal first: a task that commits between the look and the wait still wakes this poller.
            var signal = catalog.Signal(name);
            if (await TakeAsync(name, workerName, cancellationToken) is { } task) return task;
            var left = until - clock.GetUtcNow();
            if (left <= TimeSpan.Zero || !catalog.IsLive(name)) return null;
            await Task.WhenAny(signal, Task.Delay(left, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>One attempt: the oldest waiting task whose token is still open goes to this worker, or null.</summary>
    private async Task<ActivityTask?> TakeAsync(string name, string? workerName, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            // A read first, outside the writer: an idle poll costs one indexed query and no write turn.
            var candidate = await db.ActivityTasks.AsNoTracking()
                .Where(t => t.Activity == name && t.StartedAt == null)
                .OrderBy(t => t.ScheduledAt)
                .Select(t => t.TokenHash)
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null) return null;
            var (taken, task) = await ExecutionRunner.WithConflictRetries(() =>
                scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(ct => ClaimAsync(scope.ServiceProvider, candidate, workerName, ct), cancellationToken));
            if (task is not null) return task;
            if (!taken) continue; // another worker took it, or it was stale (and is gone now): look again
        }
    }

    /// <summary>
    /// In one unit of work: the task is marked taken, ActivityStarted goes into the execution's history and the
    /// heartbeat clock starts (TimeoutSeconds runs from ActivityScheduled). A task whose execution no longer waits for it is
    /// removed. Returns (false, null) when another worker was first.
    /// </summary>
    private static async Task<(bool Taken, ActivityTask? Task)> ClaimAsync(IServiceProvider services, string hash, string? workerName, CancellationToken ct)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var store = services.GetRequiredService<ExecutionStore>();
        var row = await db.ActivityTasks.FirstOrDefaultAsync(t => t.TokenHash == hash && t.StartedAt == null, ct);
        if (row is null) return (false, null);
        var token = await store.FindTokenAsync(hash, ct);
        var execution = await store.LoadAsync(row.ExecutionId, ct);
        if (token?.Status != TokenStatus.Open || row.Token is null
            || execution is not { Status: ExecutionStatus.Running, Waiting: Waits.Callback } || execution.CurrentState != row.State)
        {
            db.ActivityTasks.Remove(row);
            await db.SaveChangesAsync(ct);
            return (true, null);
        }
        var handed = new ActivityTask(row.Token, row.Input);
        row.StartedAt = store.Now();
        row.WorkerName = workerName;
        row.Token = null;
        store.AddHistory(execution, "ActivityStarted", row.State, workerName is null ? new JsonObject() : new JsonObject { ["workerName"] = workerName });
        // The heartbeat clock starts now that a worker has the task (HeartbeatSecondsPath reads the task's input).
        var transitions = services.GetRequiredService<Transitions>();
        if (transitions.TryResolve(execution, out _, out var state, out _)
            && (state.HeartbeatSecondsFrom?.Invoke(JsonPath.ParseData(row.Input)) ?? state.HeartbeatSeconds) is { } heartbeat)
            store.AddDeadline(execution, DeadlineKind.Heartbeat, state.Name, hash, store.UtcNow + transitions.Scale(heartbeat));
        await store.SaveAsync(ct);
        return (true, handed);
    }

    internal static void CheckName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
            throw new InvalidInputException("name", $"'{name}': an activity name must be 1-{MaxNameLength} characters long.");
        var refused = name.Contains(':', StringComparison.Ordinal) ? ":" : ExecutionNames.FirstRefused(name);
        if (refused is not null)
            throw new InvalidInputException("name", $"'{name}' contains '{refused}'; a name must not contain whitespace, control characters or any of < > {{ }} [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /.");
    }

    private static ActivityInfo Info(ActivityRow row) => new(row.Name, WorkflowsDbContext.ParseTime(row.CreatedAt));
}
