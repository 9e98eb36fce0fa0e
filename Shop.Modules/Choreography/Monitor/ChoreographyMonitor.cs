using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Choreography.Definitions;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Monitor;

/// <summary>
/// Watches the bus for every choreography: a start event starts the run's execution, named by the entity id (a
/// second start for the same entity changes nothing); a correlated event joins the run's inbox, from which
/// <see cref="ChoreographyPump"/> applies events in order. Each effect commits with its "handled" mark.
/// </summary>
internal sealed class ChoreographyMonitor(
    ChoreographyRegistry registry,
    HandleOnce handleOnce,
    ChoreographyDbContext db,
    IWorkflowEngine engine,
    UnitOfWork unitOfWork,
    ChoreographyPump pump,
    TimeProvider clock,
    ILogger<ChoreographyMonitor> logger) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var evt = notification.Event;
        JsonNode node = JsonSerializer.SerializeToNode(evt, EventEnvelope.Json)!;
        foreach (var definition in registry.All)
        {
            var isStart = definition.StartPattern.Matches(node);
            if (!isStart && !definition.EventPatterns.Any(p => p.Matches(node))) continue;
            var entityId = definition.EntityIdOf(node);
            if (entityId is null || !IsName(entityId))
            {
                logger.LogWarning("Choreography {Choreography}: event {EventId} ({DetailType}) has no usable entity id at {Path}",
                    definition.Name, evt.Id, evt.DetailType, definition.EntityIdPath);
                continue;
            }
            await handleOnce.RunAsync(evt, "Choreography:" + definition.Name, async ct =>
            {
                var run = await db.Runs.FirstOrDefaultAsync(r => r.Choreography == definition.Name && r.EntityId == entityId, ct);
                if (isStart)
                {
                    if (run is not null) return; // a duplicate start: the run exists already
                    var started = await engine.StartAsync(definition.Workflow, node.DeepClone(), entityId, ct);
                    var position = ChoreographyMachine.Start(definition);
                    var now = clock.GetUtcNow();
                    db.Runs.Add(new RunRow
                    {
                        Choreography = definition.Name, EntityId = entityId, ExecutionId = started.ExecutionId, State = position.State,
                        Remaining = JsonSerializer.Serialize(position.Remaining), Status = ExecutionStatus.Running, Events = 1,
                        StartedAt = now, UpdatedAt = now,
                    });
                }
                else
                {
                    if (run is not { Status: ExecutionStatus.Running })
                    {
                        logger.LogInformation("Choreography {Choreography}: {DetailType} for {EntityId} ignored: no running run", definition.Name, evt.DetailType, entityId);
                        return;
                    }
                    db.Inbox.Add(new InboxRow { Choreography = definition.Name, EntityId = entityId, EventId = evt.Id, Event = node.ToJsonString() });
                    unitOfWork.AfterCommit(() => pump.SignalAsync(definition.Name, entityId));
                }
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
        }
    }

    /// <summary>An execution name must be an id (Require.Id); other entity ids cannot be monitored.</summary>
    private static bool IsName(string entityId)
    {
        try
        {
            Require.Id(entityId, "entityId");
            return true;
        }
        catch (InvalidInputException)
        {
            return false;
        }
    }
}
