using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database, the bus (backlog and dead
/// deliveries), executions that failed in the last hour, the timers' lateness and free disk, each Healthy / Degraded / Unhealthy with
/// the reason. <c>/health</c> stays as it was (the database), for scripts that wait for the shop.
/// </summary>
internal static class ShopHealth
{
    public const string Ready = "ready";

    public static IServiceCollection AddShopHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<EventBusHealthCheck>("events", tags: [Ready])
            .AddCheck<FailedExecutionsHealthCheck>("executions", tags: [Ready])
            .AddWorkflowTimersCheck("timers", Ready)
            .AddCheck<DiskHealthCheck>("disk", tags: [Ready]);
        return services;
    }

    public static WebApplication MapShopHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Name == "database" });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), reason = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>Degraded with a backlog or dead deliveries; Unhealthy when the backlog is large.</summary>
internal sealed class EventBusHealthCheck(IDeadDeliveries deliveries, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (dead, retrying, undispatched) = await deliveries.CountAsync(cancellationToken);
        var reason = $"{undispatched} events waiting for dispatch, {retrying} deliveries waiting for a retry, {dead} dead deliveries";
        if (undispatched > configuration.GetValue("Health:MaxEventBacklog", 10_000)) return HealthCheckResult.Unhealthy(reason);
        return dead > 0 || retrying > 0 || undispatched > configuration.GetValue("Health:DegradedEventBacklog", 1_000)
            ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy(reason);
    }
}

/// <summary>Degraded when an execution failed (or timed out) in the last hour.</summary>
internal sealed class FailedExecutionsHealthCheck(IWorkflowEngine engine, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().AddHours(-1);
        var failed = 0;
        foreach (var status in (string[])[ExecutionStatus.Failed, ExecutionStatus.TimedOut])
        {
            // Newest first: the first page holds the last hour's unless more than a page failed, which is reason enough.
            var page = await engine.ListAsync(status: status, cancellationToken: cancellationToken);
            failed += page.Executions.Count(e => (e.StopDate ?? e.StartDate) >= since);
        }
        var reason = $"{failed} executions failed or timed out in the last hour";
        return failed == 0 ? HealthCheckResult.Healthy(reason) : HealthCheckResult.Degraded(reason);
    }
}

/// <summary>Unhealthy under 100 MB free where the database lives (SQLite cannot commit on a full disk), Degraded under 1 GB.</summary>
internal sealed class DiskHealthCheck(DatabaseSettings database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var free = new DriveInfo(database.DataFolder).AvailableFreeSpace;
        var reason = $"{free / (1024 * 1024)} MB free in {database.DataFolder}";
        return Task.FromResult(free < 100L * 1024 * 1024 ? HealthCheckResult.Unhealthy(reason)
            : free < 1024L * 1024 * 1024 ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy(reason));
    }
}
