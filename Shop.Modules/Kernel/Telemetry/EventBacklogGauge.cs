using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Kernel.Telemetry;

/// <summary>
/// Feeds <see cref="ShopMetrics.Backlog"/> from this host's event store while the host runs. The two counts are read
/// only when a metric reader collects (every export interval), never on the dispatcher's path.
/// </summary>
internal sealed class EventBacklogGauge(IServiceScopeFactory scopes, ILogger<EventBacklogGauge> logger) : IHostedService
{
    private IDisposable? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = ShopMetrics.ObserveBacklog(Read);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration?.Dispose();
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<long>> Read()
    {
        try
        {
            // The same counts as the health check and the dashboard; a meter's callback is synchronous (no
            // synchronization context here: the reader's own thread), so it waits for them.
            using var scope = scopes.CreateScope();
            var (_, retrying, undispatched) = scope.ServiceProvider.GetRequiredService<IDeadDeliveries>().CountAsync().GetAwaiter().GetResult();
            return [new(undispatched, new KeyValuePair<string, object?>(ShopTags.DeliveryState, "undispatched")),
                new(retrying, new KeyValuePair<string, object?>(ShopTags.DeliveryState, "retrying"))];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A metric is not worth failing the reader's other instruments for: this collection has no backlog value.
            logger.LogWarning(ex, "Could not read the event backlog for the shop.events.backlog gauge");
            return [];
        }
    }
}
