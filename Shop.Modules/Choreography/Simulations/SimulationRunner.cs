using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations;

/// <summary>
/// Publishes a simulation's events one by one in the background, each after its wait (× <c>Workflows:TimeScale</c>,
/// read at every wait so a change at run time applies). Each event commits with the simulation's progress, so a
/// restart resumes after the last published event.
/// </summary>
internal sealed class SimulationRunner(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<SimulationRunner> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _running = new();
    private CancellationToken _stopping;

    public ValueTask EnqueueAsync(string simulationId)
    {
        _running.GetOrAdd(simulationId, id => Task.Run(() => RunAsync(id, _stopping)));
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChoreographyDbContext>();
        var unfinished = await db.Simulations.AsNoTracking().Where(s => s.Status == ExecutionStatus.Running).Select(s => s.Id).ToListAsync(stoppingToken);
        foreach (var id in unfinished) await EnqueueAsync(id);
    }

    private async Task RunAsync(string simulationId, CancellationToken ct)
    {
        try
        {
            while (await PublishNextAsync(simulationId, ct)) { }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Simulation {SimulationId} failed", simulationId);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChoreographyDbContext>();
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(c => db.Simulations.Where(s => s.Id == simulationId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ExecutionStatus.Failed).SetProperty(r => r.Error, e.Message), c), CancellationToken.None);
        }
        finally
        {
            _running.TryRemove(simulationId, out _);
        }
    }

    private async Task<bool> PublishNextAsync(string simulationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChoreographyDbContext>();
        var row = await db.Simulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == simulationId, ct);
        if (row is not { Status: ExecutionStatus.Running }) return false;
        var events = JsonNode.Parse(row.Events)!.AsArray();
        if (row.Published >= events.Count) return false;

        var entry = events[row.Published]!;
        var wait = entry["wait"]?.GetValue<double>() ?? 0;
        if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait * TimeScale()), clock, ct);

        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async c =>
        {
            await publisher.PublishAsync((string)entry["source"]!, (string)entry["detailType"]!, entry["detail"]!.DeepClone().AsObject(), cancellationToken: c);
            var published = row.Published + 1;
            var status = published == events.Count ? ExecutionStatus.Succeeded : ExecutionStatus.Running;
            await db.Simulations.Where(s => s.Id == simulationId && s.Published == row.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Published, published).SetProperty(r => r.Status, status)
                    .SetProperty(r => r.UpdatedAt, clock.GetUtcNow()), c);
        }, ct);
        return true;
    }

    private double TimeScale()
    {
        var text = configuration["Workflows:TimeScale"];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1.0;
    }
}
