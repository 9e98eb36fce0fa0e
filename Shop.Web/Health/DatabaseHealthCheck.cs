using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Modules.Kernel.Database;

namespace Shop.Web.Health;

/// <summary>/health is healthy when the SQLite file answers a query.</summary>
internal sealed class DatabaseHealthCheck(ShopConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = connection.Connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
