using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// Backstop for a lost after-commit action: the commit that made an execution ready normally queues it at once,
/// but if that action failed (or the queue was lost) the execution would wait for the next restart. Every
/// <c>Workflows:RescanSeconds</c> (30) the RUNNING executions that are ready and entered their state before the
/// previous scan are queued again. Queuing twice is harmless: a step commits only if the row's version still matches.
/// </summary>
internal sealed class ReadyRescan(IServiceScopeFactory scopes, WorkflowWorker worker, IConfiguration configuration, ILogger<ReadyRescan> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Workflows:RescanSeconds", 30)));
        try
        {
            while (true)
            {
                await Task.Delay(interval, stoppingToken);
                try
                {
                    var requeued = await RescanAsync(DateTimeOffset.UtcNow - interval, stoppingToken);
                    if (requeued > 0) logger.LogWarning("Rescan queued {Count} ready workflow executions nothing was running", requeued);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Rescan of ready workflow executions failed; trying again in {Interval}", interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Queues the ready executions that entered their state before <paramref name="before"/>; returns how many.</summary>
    internal async Task<int> RescanAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        // One still in the queue is not queued twice (the worker keeps a set of queued ids).
        await using var scope = scopes.CreateAsyncScope();
        var cutoff = WorkflowsDbContext.FormatTime(before);
        var ready = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Executions.AsNoTracking()
            .Where(e => e.Status == ExecutionStatus.Running && e.Waiting == null && (e.EnteredAt == null || string.Compare(e.EnteredAt, cutoff) < 0))
            .OrderBy(e => e.EnteredAt)
            .Select(e => e.Id)
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var id in ready) worker.Enqueue(id);
        return ready.Count;
    }
}
