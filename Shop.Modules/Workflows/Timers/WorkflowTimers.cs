using System.Collections.Concurrent;
using System.Threading.Channels;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// Timers (Invariant 3). A deadline is a row of <c>wf_deadlines</c>; Hangfire is asked to wake the engine at its
/// due time, and at start every open deadline is scheduled again (Hangfire's in-memory storage forgets).
/// What is due is always decided by the engine's TimeProvider, so tests can move a FakeTimeProvider and
/// call <see cref="FireDueDeadlinesAsync"/>. A sweep that sleeps until the next due time (at most 1 s)
/// backs Hangfire up.
/// </summary>
internal sealed class WorkflowTimers(IServiceScopeFactory scopes, IBackgroundJobClient jobs, TimeProvider clock, ILogger<WorkflowTimers> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _sweep = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Hangfire's job of each open deadline, so the job goes when the deadline goes (moved, answered, ended):
    // otherwise every heartbeat would leave one more scheduled job in Hangfire's memory.
    private readonly ConcurrentDictionary<long, string> _jobs = new();

    public void Schedule(long deadlineId, DateTimeOffset due)
    {
        var delay = due - clock.GetUtcNow();
        var job = jobs.Schedule<DeadlineJob>(j => j.FireAsync(deadlineId), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        string? replaced = null;
        _jobs.AddOrUpdate(deadlineId, job, (_, previous) => { replaced = previous; return job; });
        if (replaced is not null && replaced != job) jobs.Delete(replaced);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>The deadlines are gone: their Hangfire jobs go too.</summary>
    public void Unschedule(IEnumerable<long> deadlineIds)
    {
        foreach (var id in deadlineIds)
        {
            if (_jobs.TryRemove(id, out var job)) jobs.Delete(job);
        }
    }

    /// <summary>How many deadlines have a Hangfire job (tests check it stays flat).</summary>
    internal int ScheduledJobs => _jobs.Count;

    /// <summary>Fires every deadline due by the engine's clock; returns how many were looked at.</summary>
    public async Task<int> FireDueDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        await _sweep.WaitAsync(cancellationToken);
        try
        {
            var fired = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var now = WorkflowsDbContext.FormatTime(clock.GetUtcNow());
                var due = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Deadlines.AsNoTracking()
                    .Where(d => string.Compare(d.DueAt, now) <= 0)
                    .OrderBy(d => d.DueAt)
                    .Select(d => d.Id)
                    .Take(100)
                    .ToListAsync(cancellationToken);
                var runner = scope.ServiceProvider.GetRequiredService<ExecutionRunner>();
                foreach (var id in due)
                {
                    await runner.FireDeadlineAsync(id, cancellationToken);
                    fired++;
                }
                if (due.Count < 100) return fired;
            }
        }
        finally
        {
            _sweep.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RescheduleAllAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not reschedule workflow deadlines; the sweep will still fire them");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FireDueDeadlinesAsync(stoppingToken);
                var sleep = await UntilNextDueAsync(stoppingToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(sleep);
                try
                {
                    await _wake.Reader.WaitToReadAsync(timeout.Token);
                    _wake.Reader.TryRead(out _);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Firing workflow deadlines failed; trying again in 1 s");
                await Task.Delay(MaxSleep, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RescheduleAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deadlines = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Deadlines.AsNoTracking()
            .Select(d => new { d.Id, d.DueAt })
            .ToListAsync(cancellationToken);
        foreach (var deadline in deadlines) Schedule(deadline.Id, WorkflowsDbContext.ParseTime(deadline.DueAt));
        if (deadlines.Count > 0) logger.LogInformation("Rescheduled {Count} workflow deadlines", deadlines.Count);
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Deadlines.AsNoTracking()
            .OrderBy(d => d.DueAt)
            .Select(d => d.DueAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null) return MaxSleep;
        var wait = WorkflowsDbContext.ParseTime(next) - clock.GetUtcNow();
        return wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > MaxSleep ? MaxSleep : wait;
    }

    public override void Dispose()
    {
        _sweep.Dispose();
        base.Dispose();
    }
}

/// <summary>The Hangfire job: a deadline's due time has come, so sweep (the sweep decides what is really due).</summary>
internal sealed class DeadlineJob(WorkflowTimers timers)
{
    [AutomaticRetry(Attempts = 0)]
    public Task FireAsync(long deadlineId) => timers.FireDueDeadlinesAsync();
}
