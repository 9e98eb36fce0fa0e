using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Choreography.Definitions;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Monitor;

/// <summary>
/// Applies a run's pending events in arrival order. An event needs the engine to be waiting for it: the token of
/// its state must have been stored (the engine enters states on its own worker, so an event can arrive first).
/// Both sides signal the pump after they commit: the monitor when an event arrives, a waiting state when its token
/// is stored. Whether an event is allowed is decided by the definition in memory, in order, so a parallel state
/// whose branches have not all stored their tokens yet cannot be mistaken for an unexpected transition.
/// </summary>
internal sealed class ChoreographyPump(IServiceScopeFactory scopes, ILogger<ChoreographyPump> logger) : BackgroundService
{
    private readonly Channel<(string Choreography, string EntityId)> _signals = Channel.CreateUnbounded<(string, string)>();

    public ValueTask SignalAsync(string choreography, string entityId) => _signals.Writer.WriteAsync((choreography, entityId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After a crash between a commit and its signal, pending events would wait forever: look at them all once.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChoreographyDbContext>();
            var pending = await db.Inbox.AsNoTracking().Select(i => new { i.Choreography, i.EntityId }).Distinct().ToListAsync(stoppingToken);
            foreach (var run in pending) await SignalAsync(run.Choreography, run.EntityId);
        }

        await foreach (var (choreography, entityId) in _signals.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RunAdvancer>().AdvanceAsync(choreography, entityId, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Choreography {Choreography}: could not apply events of {EntityId}; retrying", choreography, entityId);
                _ = RetryLaterAsync(choreography, entityId, stoppingToken);
            }
        }
    }

    private async Task RetryLaterAsync(string choreography, string entityId, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await SignalAsync(choreography, entityId);
    }
}

/// <summary>One pass over a run's inbox (scoped: one unit of work per applied event).</summary>
internal sealed class RunAdvancer(
    ChoreographyRegistry registry,
    ChoreographyDbContext db,
    IWorkflowEngine engine,
    UnitOfWork unitOfWork,
    TimeProvider clock,
    ILogger<RunAdvancer> logger)
{
    /// <summary>The engine's limit on a failure's cause (Step Functions' too).</summary>
    private const int MaxCause = 32768;

    public async Task AdvanceAsync(string choreography, string entityId, CancellationToken cancellationToken)
    {
        var definition = registry.Find(choreography);
        if (definition is null) return;
        while (true)
        {
            bool applied;
            try
            {
                applied = await unitOfWork.ExecuteAsync(ct => ApplyNextAsync(definition, entityId, ct), cancellationToken);
            }
            catch (TaskTokenException e)
            {
                // The execution no longer waits (stopped from outside, or timed out): the run is over.
                logger.LogWarning("Choreography {Choreography}: the execution of {EntityId} no longer waits ({Problem}); run stopped", choreography, entityId, e.Message);
                db.ChangeTracker.Clear();
                await unitOfWork.ExecuteAsync(ct => EndAsync(definition.Name, entityId, "STOPPED", ct), cancellationToken);
                return;
            }
            if (!applied) return;
        }
    }

    private async Task<bool> ApplyNextAsync(Contracts.ChoreographyDefinition definition, string entityId, CancellationToken ct)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Choreography == definition.Name && r.EntityId == entityId, ct);
        var next = await db.Inbox.Where(i => i.Choreography == definition.Name && i.EntityId == entityId).OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
        if (run is null || next is null) return false;
        if (run.Status != ExecutionStatus.Running)
        {
            await EndAsync(definition.Name, entityId, run.Status, ct);
            return false;
        }

        var evt = JsonNode.Parse(next.Event)!;
        var position = new Position(run.State, JsonSerializer.Deserialize<string[]>(run.Remaining)!, false);
        var outcome = ChoreographyMachine.Step(definition, position, evt);
        var tokens = await db.Tokens.Where(t => t.Choreography == definition.Name && t.EntityId == entityId).ToListAsync(ct);
        run.UpdatedAt = clock.GetUtcNow();

        if (outcome.Allowed)
        {
            var token = tokens.FirstOrDefault(t => t.EventName == outcome.TokenKey);
            if (token is null) return false; // its state has not stored its token yet: it will signal
            db.Tokens.RemoveRange(tokens.Where(t => t.Token == token.Token));
            db.Inbox.Remove(next);
            run.State = outcome.Next.State;
            run.Remaining = JsonSerializer.Serialize(outcome.Next.Remaining);
            run.Events++;
            if (outcome.Next.Ended) run.Status = ExecutionStatus.Succeeded;
            await db.SaveChangesAsync(ct);
            await engine.SendTaskSuccessForExecutionAsync(token.ExecutionId, evt, ct);
            return true;
        }

        // Any waiting token of the run will do to fail it; none yet means its state is still being entered.
        var any = tokens.OrderBy(t => t.Id).FirstOrDefault();
        if (any is null) return false;
        run.Status = ExecutionStatus.Failed;
        run.DivergedState = position.State;
        run.DivergedEventId = next.EventId;
        await db.SaveChangesAsync(ct);
        await EndAsync(definition.Name, entityId, run.Status, ct);
        var cause = new JsonObject { ["state"] = position.State, ["reason"] = outcome.Reason, ["event"] = evt.DeepClone() };
        // A cause may hold at most 32768 characters: an event as big must not make this failure (and the pump) fail for ever.
        var text = cause.ToJsonString();
        if (text.Length > MaxCause) text = text[..(MaxCause - 20)] + "... (truncated)";
        await engine.SendTaskFailureForExecutionAsync(any.ExecutionId, ChoreographyWorkflow.UnexpectedTransition, text, ct);
        return true;
    }

    /// <summary>A run that is over keeps no tokens and no pending events.</summary>
    private async Task EndAsync(string choreography, string entityId, string status, CancellationToken ct)
    {
        await db.Tokens.Where(t => t.Choreography == choreography && t.EntityId == entityId).ExecuteDeleteAsync(ct);
        await db.Inbox.Where(i => i.Choreography == choreography && i.EntityId == entityId).ExecuteDeleteAsync(ct);
        await db.Runs.Where(r => r.Choreography == choreography && r.EntityId == entityId && r.Status == ExecutionStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status), ct);
    }
}
