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
/// second start while the entity's run is under way changes nothing; after it ended, a start begins a new run, and
/// the runs list shows the latest); a correlated event joins the running run's inbox, from which
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
                    if (run is { Status: ExecutionStatus.Running }) return; // a duplicate start: the run is under way
                    var name = await RunNameAsync(entityId, run, ct);
                    if (name is null)
                    {
                        logger.LogWarning("Choreography {Choreography}: no execution name is left for a new run of {EntityId}", definition.Name, entityId);
                        return;
                    }
                    var started = await engine.StartAsync(definition.Workflow, node.DeepClone(), name, ct);
                    var position = ChoreographyMachine.Start(definition);
                    var now = clock.GetUtcNow();
                    if (run is null)
                    {
                        run = new RunRow { Choreography = definition.Name, EntityId = entityId, ExecutionId = "", State = "", Status = "" };
                        db.Runs.Add(run);
                    }
                    else
                    {
                        // The earlier run ended: this start begins the entity's next run (its earlier executions stay in
                        // the engine). Whatever the ended run left behind is not the new run's.
                        await db.Tokens.Where(t => t.Choreography == definition.Name && t.EntityId == entityId).ExecuteDeleteAsync(ct);
                        await db.Inbox.Where(i => i.Choreography == definition.Name && i.EntityId == entityId).ExecuteDeleteAsync(ct);
                    }
                    run.ExecutionId = started.ExecutionId;
                    run.State = position.State;
                    run.Remaining = JsonSerializer.Serialize(position.Remaining);
                    run.Status = ExecutionStatus.Running;
                    run.Events = 1;
                    run.DivergedState = null;
                    run.DivergedEventId = null;
                    run.StartedAt = now;
                    run.UpdatedAt = now;
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

    /// <summary>
    /// The entity id names its first run's execution (as the seed names it); later runs add <c>.2</c>, <c>.3</c>, ...
    /// counted from the previous run's execution name. Null when the name would be too long to be an id.
    /// </summary>
    private async Task<string?> RunNameAsync(string entityId, RunRow? previous, CancellationToken ct)
    {
        if (previous is null) return entityId;
        var last = (await engine.DescribeAsync(previous.ExecutionId, ct)).Name;
        var number = last.Length > entityId.Length + 1 && last.StartsWith(entityId + ".", StringComparison.Ordinal)
            && int.TryParse(last.AsSpan(entityId.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n + 1 : 2;
        var name = $"{entityId}.{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return IsName(name) ? name : null;
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
