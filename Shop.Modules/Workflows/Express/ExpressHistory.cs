using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Asl;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows.Express;

/// <summary>
/// EXPRESS machines keep a short history: ended executions beyond the newest <c>Workflows:ExpressHistory:MaxRuns</c>
/// of a machine (default 100), or ended longer than <c>MaxAgeMinutes</c> ago (default 60), are deleted with their
/// history, timers, tokens and child executions, every <c>SweepSeconds</c> (default 30). Running ones are never touched.
/// </summary>
internal sealed class ExpressHistory(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ExpressHistory> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var section = configuration.GetSection("Workflows:ExpressHistory");
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await SweepAsync(scope.ServiceProvider, Math.Max(0, section.GetValue("MaxRuns", 100)),
                    TimeSpan.FromMinutes(Math.Max(0, section.GetValue("MaxAgeMinutes", 60.0))), stoppingToken);
                if (removed > 0) logger.LogDebug("Express history: {Count} executions removed", removed);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "Express history sweep failed; it runs again");
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, section.GetValue("SweepSeconds", 30.0))), clock, stoppingToken);
        }
    }

    private async Task<int> SweepAsync(IServiceProvider services, int maxRuns, TimeSpan maxAge, CancellationToken ct)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var machines = await db.StateMachines.AsNoTracking().Select(m => new { m.Name, m.Revision, m.Type }).ToListAsync(ct);
        var express = machines.GroupBy(m => m.Name).Select(g => g.MaxBy(m => m.Revision)!).Where(m => m.Type == StateMachines.ExpressType).Select(m => m.Name).ToList();
        if (express.Count == 0) return 0;
        var oldest = WorkflowsDbContext.FormatTime(clock.GetUtcNow() - maxAge);
        var doomed = new List<string>();
        foreach (var name in express)
        {
            var ended = await db.Executions.AsNoTracking()
                .Where(e => e.Workflow == name && e.ParentId == null && e.Status != ExecutionStatus.Running && e.StoppedAt != null)
                .OrderByDescending(e => e.StoppedAt).Select(e => new { e.Id, e.StoppedAt }).ToListAsync(ct);
            doomed.AddRange(ended.Where((e, i) => i >= maxRuns || string.CompareOrdinal(e.StoppedAt, oldest) < 0).Select(e => e.Id));
        }
        if (doomed.Count == 0) return 0;
        // Parallel branches and Map iterations are executions of their own, any levels deep.
        for (var level = doomed.ToList(); level.Count > 0;)
        {
            level = await db.Executions.AsNoTracking().Where(e => e.ParentId != null && level.Contains(e.ParentId)).Select(e => e.Id).ToListAsync(ct);
            doomed.AddRange(level);
        }
        await services.GetRequiredService<UnitOfWork>().ExecuteAsync(async token =>
        {
            foreach (var chunk in doomed.Chunk(500))
            {
                await db.History.Where(h => chunk.Contains(h.ExecutionId)).ExecuteDeleteAsync(token);
                await db.Deadlines.Where(d => chunk.Contains(d.ExecutionId)).ExecuteDeleteAsync(token);
                await db.TaskTokens.Where(t => chunk.Contains(t.ExecutionId)).ExecuteDeleteAsync(token);
                await db.ActivityTasks.Where(t => chunk.Contains(t.ExecutionId)).ExecuteDeleteAsync(token);
                await db.Executions.Where(e => chunk.Contains(e.Id) && e.Status != ExecutionStatus.Running).ExecuteDeleteAsync(token);
            }
        }, ct);
        return doomed.Count;
    }
}
