using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations;

/// <summary>
/// Publishes a simulation's events one by one in the background, each after its wait (× <c>Workflows:TimeScale</c>,
/// read at every wait so a change at run time applies). Each event commits with the simulation's progress, so a
/// restart resumes after the last published event. The events are read once per run: they never change.
/// </summary>
internal sealed class SimulationRunner(IServiceScopeFactory scopes, IOptionsMonitor<WorkflowSettings> settings, TimeProvider clock, ILogger<SimulationRunner> logger)
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
            var events = await ReadEventsAsync(simulationId, ct);
            while (events is not null && await PublishNextAsync(simulationId, events, ct)) { }
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

    private async Task<JsonArray?> ReadEventsAsync(string simulationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChoreographyDbContext>();
        var events = await db.Simulations.AsNoTracking().Where(s => s.Id == simulationId).Select(s => s.Events).FirstOrDefaultAsync(ct);
        return events is null ? null : JsonNode.Parse(events)!.AsArray();
    }

    private async Task<bool> PublishNextAsync(string simulationId, JsonArray events, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChoreographyDbContext>();
        var row = await db.Simulations.AsNoTracking().Where(s => s.Id == simulationId)
            .Select(s => new { s.Status, s.Published }).FirstOrDefaultAsync(ct);
        if (row is not { Status: ExecutionStatus.Running }) return false;
        if (row.Published >= events.Count) return false;

        var entry = events[row.Published]!;
        var wait = entry["wait"]?.GetValue<double>() ?? 0;
        if (wait > 0) await Task.Delay(settings.CurrentValue.Scale(wait), clock, ct);

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
}
