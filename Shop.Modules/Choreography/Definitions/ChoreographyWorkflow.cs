using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Choreography.Monitor;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Definitions;

/// <summary>
/// A choreography as an engine workflow, the way seed 001 builds it on Step Functions: each waiting state is a
/// wait-for-callback task that stores its token keyed by (entity id, expected event); a state with several ways
/// out is followed by a Choice on the event; an all-of state is a Parallel of one waiting branch per event; an
/// end state is a Succeed. The execution's input is the start event; each event that resumes it lands at
/// <c>$.lastEvent</c> (the events of an all-of state at <c>$.lastEvents</c>).
/// </summary>
internal static class ChoreographyWorkflow
{
    public const string UnexpectedTransition = "UnexpectedTransition";

    // Mermaid ids must be plain words: a "?" would break the graph's class lines.
    public static string ChoiceName(string state) => state + "Choice";

    public static WorkflowDefinition Build(ChoreographyDefinition definition)
    {
        var workflow = Workflow.Define(definition.Workflow).StartAt(definition.StartState);
        if (definition.Comment is not null) workflow.Comment(definition.Comment);
        foreach (var state in definition.States)
        {
            switch (state.Kind)
            {
                case ChoreographyStateKind.Wait:
                    var direct = state.Transitions is [{ When: null } only] ? only.Target : null;
                    workflow.WaitForCallback(state.Name, (ctx, ct) => StoreTokenAsync(ctx, definition, state.Name, state.ExpectedKeys, ct),
                        s => s.ResultPath("$.lastEvent").Next(direct ?? ChoiceName(state.Name)));
                    if (direct is null)
                    {
                        workflow.Choice(ChoiceName(state.Name), c =>
                        {
                            foreach (var transition in state.Transitions)
                                c.When(transition.Label, data => data["lastEvent"] is JsonObject evt && transition.Accepts((string?)evt["detail-type"] ?? "", evt), transition.Target);
                        });
                    }
                    break;
                case ChoreographyStateKind.AllOf:
                    workflow.Parallel(state.Name, p =>
                    {
                        foreach (var name in state.Events)
                            p.Branch(b => b.WaitForCallback(name, (ctx, ct) => StoreTokenAsync(ctx, definition, name, [name], ct), s => s.End()));
                        p.ResultPath("$.lastEvents").Next(state.Next!);
                    });
                    break;
                default:
                    workflow.Succeed(state.Name);
                    break;
            }
        }
        return workflow.Build();
    }

    /// <summary>Committed with the state's entry; once committed the run's pending events are looked at again.</summary>
    private static async Task StoreTokenAsync(StepContext ctx, ChoreographyDefinition definition, string state, IEnumerable<string> keys, CancellationToken ct)
    {
        var entityId = definition.EntityIdOf(ctx.Input)
            ?? throw new StepFailedException(StatesErrors.Runtime, $"The input has no entity id at {definition.EntityIdPath}.");
        var db = ctx.Services.GetRequiredService<ChoreographyDbContext>();
        var now = ctx.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var key in keys)
        {
            db.Tokens.Add(new TokenRow
            {
                Choreography = definition.Name, EntityId = entityId, EventName = key, State = state,
                Token = TokenRow.KeyOf(ctx.ExecutionId, state), ExecutionId = ctx.ExecutionId, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        var pump = ctx.Services.GetRequiredService<ChoreographyPump>();
        ctx.Services.GetRequiredService<UnitOfWork>().AfterCommit(() => pump.SignalAsync(definition.Name, entityId));
    }
}
