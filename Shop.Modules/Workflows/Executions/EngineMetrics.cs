using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Telemetry;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// The engine's counts on the <c>Shop</c> meter, added once the unit of work that made them true has committed (a
/// rolled-back start or end counts nothing). With no listener each call is one check.
/// </summary>
internal static class EngineMetrics
{
    public static void Started(UnitOfWork unitOfWork, ExecutionRow execution)
    {
        if (!ShopMetrics.ExecutionsStarted.Enabled) return;
        var workflow = execution.Workflow;
        AfterCommit(unitOfWork, () => ShopMetrics.ExecutionsStarted.Add(1, new KeyValuePair<string, object?>(ShopTags.Workflow, workflow)));
    }

    public static void Ended(UnitOfWork unitOfWork, ExecutionRow execution)
    {
        if (!ShopMetrics.ExecutionsEnded.Enabled) return;
        var (workflow, status) = (execution.Workflow, execution.Status);
        AfterCommit(unitOfWork, () => ShopMetrics.ExecutionsEnded.Add(1, new KeyValuePair<string, object?>(ShopTags.Workflow, workflow),
            new KeyValuePair<string, object?>(ShopTags.ExecutionStatus, status)));
    }

    /// <summary>A due deadline is being applied: how late, by the engine's clock.</summary>
    public static void DeadlineFired(DeadlineRow deadline, DateTimeOffset now)
    {
        if (!ShopMetrics.TimerLateness.Enabled) return;
        var lateness = (now - WorkflowsDbContext.ParseTime(deadline.DueAt)).TotalSeconds;
        ShopMetrics.TimerLateness.Record(Math.Max(0, lateness), new KeyValuePair<string, object?>(ShopTags.TimerKind, deadline.Kind));
    }

    // The engine writes only inside a unit of work; were that ever not so, counting at once beats throwing from telemetry.
    private static void AfterCommit(UnitOfWork unitOfWork, Action count)
    {
        if (!unitOfWork.IsActive)
        {
            count();
            return;
        }
        unitOfWork.AfterCommit(() =>
        {
            count();
            return ValueTask.CompletedTask;
        });
    }
}
