using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows.Demo;

/// <summary>
/// "Demo.Counter" (only with <c>Workflows:Demo</c> = true): three steps that each record one effect row through the
/// mediator, with a Wait in between. The crash test kills the host while these run and then counts the rows.
/// </summary>
internal static class DemoCounterWorkflow
{
    public const string Name = "Demo.Counter";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(Name)
        .Comment("Records one effect per step; each must appear exactly once whatever crashes happen.")
        .Task("Count One", (ctx, ct) => RecordAsync(ctx, ct), t => t.ResultPath("$.one").Next("Count Two"))
        .Task("Count Two", (ctx, ct) => RecordAsync(ctx, ct), t => t.ResultPath("$.two").Next("Pause"))
        .Wait("Pause", w => w.Seconds(1).Next("Count Three"))
        .Task("Count Three", (ctx, ct) => RecordAsync(ctx, ct), t => t.ResultPath("$.three").Next("Done"))
        .Succeed("Done")
        .Build();

    private static async Task<JsonNode?> RecordAsync(StepContext ctx, CancellationToken ct)
    {
        var count = await ctx.Mediator.Send(new RecordDemoEffect(ctx.ExecutionId, ctx.State), ct);
        return JsonValue.Create(count);
    }
}

/// <summary>Inserts one effect row; answers how many rows that (execution, step) now has.</summary>
internal sealed record RecordDemoEffect(string ExecutionId, string Step) : IRequest<int>;

internal sealed class RecordDemoEffectHandler(WorkflowsDbContext db, UnitOfWork unitOfWork, TimeProvider clock) : IRequestHandler<RecordDemoEffect, int>
{
    public async ValueTask<int> Handle(RecordDemoEffect request, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            db.DemoEffects.Add(new DemoEffectRow { ExecutionId = request.ExecutionId, Step = request.Step, At = WorkflowsDbContext.FormatTime(clock.GetUtcNow()) });
            await db.SaveChangesAsync(ct);
            return db.DemoEffects.Count(e => e.ExecutionId == request.ExecutionId && e.Step == request.Step);
        }, cancellationToken);
}
