using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// The timers' lateness for <c>/health/ready</c>: how long the oldest deadline has been overdue (by the engine's
/// clock). The sweep fires a due deadline within about a second, so lateness means the timers are stuck or swamped:
/// Degraded past <c>Health:DegradedTimerLatenessSeconds</c> (10), Unhealthy past <c>Health:MaxTimerLatenessSeconds</c> (60).
/// </summary>
internal sealed class TimersHealthCheck(WorkflowsDbContext db, TimeProvider clock, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var nowText = WorkflowsDbContext.FormatTime(now);
        var overdue = db.Deadlines.AsNoTracking().Where(d => string.Compare(d.DueAt, nowText) < 0);
        var oldest = await overdue.OrderBy(d => d.DueAt).Select(d => d.DueAt).FirstOrDefaultAsync(cancellationToken);
        var open = await db.Deadlines.CountAsync(cancellationToken);
        var lateness = oldest is null ? TimeSpan.Zero : now - WorkflowsDbContext.ParseTime(oldest);
        var reason = oldest is null
            ? $"{open} open timers, none overdue"
            : $"{open} open timers; the oldest overdue deadline is {lateness.TotalSeconds:F1} s late";
        if (lateness > TimeSpan.FromSeconds(configuration.GetValue("Health:MaxTimerLatenessSeconds", 60))) return HealthCheckResult.Unhealthy(reason);
        return lateness > TimeSpan.FromSeconds(configuration.GetValue("Health:DegradedTimerLatenessSeconds", 10))
            ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy(reason);
    }
}

public static class TimersHealthChecks
{
    /// <summary>Adds the timers' lateness (<see cref="TimersHealthCheck"/>) under <paramref name="name"/>.</summary>
    public static IHealthChecksBuilder AddWorkflowTimersCheck(this IHealthChecksBuilder builder, string name, params string[] tags) =>
        builder.AddCheck<TimersHealthCheck>(name, tags: tags);
}
