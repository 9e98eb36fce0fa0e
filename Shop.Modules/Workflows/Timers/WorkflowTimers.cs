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
    private const int SweepPage = 200;
    private const int FiringsInFlight = 16;
    private readonly SemaphoreSlim _sweep = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // One Hangfire job per due second (a bucket), not per deadline: creating and deleting a Hangfire job was 6-10 % of
    // the server's CPU under the bench (docs/performance.md), and at N deadlines per second it is N jobs a second.
    // A bucket's job fires at the end of its second (every deadline in it is due by then) and sweeps; the sweep
    // decides what is due. The job goes when the last deadline of its bucket goes (moved, answered, ended), so
    // heartbeats never pile up jobs in Hangfire's memory.
    private readonly Lock _gate = new();
    private readonly Dictionary<long, long> _bucketOf = [];
    private readonly Dictionary<long, Bucket> _buckets = [];

    // When the sleeping sweep loop means to look next (MaxValue while it runs): a deadline due before then wakes it.
    private long _sweepAtTicks = long.MaxValue;

    private sealed record DueDeadline(long Id, string ExecutionId);

    private sealed class Bucket(string job)
    {
        public string Job { get; } = job;

        public int Deadlines { get; set; } = 1;
    }

    public void Schedule(long deadlineId, DateTimeOffset due)
    {
        var second = BucketOf(due);
        lock (_gate)
        {
            if (_bucketOf.TryGetValue(deadlineId, out var previous))
            {
                if (previous == second) return;
                Leave(previous);
            }
            _bucketOf[deadlineId] = second;
            if (_buckets.TryGetValue(second, out var bucket)) bucket.Deadlines++;
            else
            {
                var delay = DateTimeOffset.FromUnixTimeSeconds(second) - clock.GetUtcNow();
                _buckets[second] = new Bucket(jobs.Schedule<DeadlineJob>(j => j.FireAsync(second), delay > TimeSpan.Zero ? delay : TimeSpan.Zero));
            }
        }
        if (due.UtcTicks < Interlocked.Read(ref _sweepAtTicks)) _wake.Writer.TryWrite(true);
    }

    /// <summary>The deadlines are gone: a bucket left without deadlines loses its Hangfire job.</summary>
    public void Unschedule(IEnumerable<long> deadlineIds)
    {
        lock (_gate)
        {
            foreach (var id in deadlineIds)
            {
                if (_bucketOf.Remove(id, out var second)) Leave(second);
            }
        }
    }

    /// <summary>The due second a deadline's bucket fires at: the end of its second, when all of it is due.</summary>
    private static long BucketOf(DateTimeOffset due)
    {
        var seconds = due.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds) < due ? seconds + 1 : seconds;
    }

    private void Leave(long second)
    {
        if (!_buckets.TryGetValue(second, out var bucket) || --bucket.Deadlines > 0) return;
        _buckets.Remove(second);
        jobs.Delete(bucket.Job);
    }

    /// <summary>How many Hangfire jobs (due seconds) are scheduled for open deadlines (tests check it stays flat).</summary>
    internal int ScheduledJobs
    {
        get { lock (_gate) return _buckets.Count; }
    }

    /// <summary>Fires every deadline due by the engine's clock; returns how many were looked at.</summary>
    /// <remarks>
    /// The due deadlines of up to <see cref="FiringsInFlight"/> executions fire at once, each in its own scope and unit
    /// of work, so they share the group-commit writer's batches: fired one after another, each waited for a commit of
    /// its own, and with a few hundred timers due per second under load the sweep fell seconds behind
    /// (docs/performance.md). One execution's deadlines fire in due order, one after another. A deadline that fails is
    /// logged and the others still fire; the sweep then reports the failure and is tried again.
    /// </remarks>
    public async Task<int> FireDueDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        await _sweep.WaitAsync(cancellationToken);
        try
        {
            var fired = 0;
            while (true)
            {
                List<DueDeadline> due;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var now = WorkflowsDbContext.FormatTime(clock.GetUtcNow());
                    due = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Deadlines.AsNoTracking()
                        .Where(d => string.Compare(d.DueAt, now) <= 0)
                        .OrderBy(d => d.DueAt)
                        .ThenBy(d => d.Id)
                        .Select(d => new DueDeadline(d.Id, d.ExecutionId))
                        .Take(SweepPage)
                        .ToListAsync(cancellationToken);
                }
                Exception? failure = null;
                // One execution's deadlines fire in due order, one after another; different executions' at once.
                var byExecution = due.GroupBy(d => d.ExecutionId, d => d.Id);
                await Parallel.ForEachAsync(byExecution, new ParallelOptions { MaxDegreeOfParallelism = FiringsInFlight, CancellationToken = cancellationToken }, async (ids, ct) =>
                {
                    foreach (var id in ids)
                    {
                        try
                        {
                            await using var scope = scopes.CreateAsyncScope();
                            await scope.ServiceProvider.GetRequiredService<ExecutionRunner>().FireDeadlineAsync(id, ct);
                            Interlocked.Increment(ref fired);
                        }
                        catch (Exception ex) when (!ct.IsCancellationRequested)
                        {
                            logger.LogError(ex, "Workflow deadline {DeadlineId} could not fire", id);
                            Interlocked.CompareExchange(ref failure, ex, null);
                        }
                    }
                });
                if (failure is not null) throw new InvalidOperationException("A workflow deadline could not fire.", failure);
                if (due.Count < SweepPage) return fired;
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
                Interlocked.Exchange(ref _sweepAtTicks, (clock.GetUtcNow() + sleep).UtcTicks);
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
                Interlocked.Exchange(ref _sweepAtTicks, long.MaxValue);
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

/// <summary>The Hangfire job of a due second: its deadlines are due, so sweep (the sweep decides what is really due).</summary>
internal sealed class DeadlineJob(WorkflowTimers timers)
{
    [AutomaticRetry(Attempts = 0)]
    public Task FireAsync(long dueSecond) => timers.FireDueDeadlinesAsync();
}
