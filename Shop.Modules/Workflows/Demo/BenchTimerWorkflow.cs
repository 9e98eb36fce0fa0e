namespace Shop.Modules.Workflows.Demo;

/// <summary>
/// "Bench.Timer" (only with <c>Bench:Workflows</c> = true): waits <c>$.seconds</c> and succeeds. Shop.Bench keeps
/// many of them waiting to measure how late timers fire while orders run.
/// </summary>
internal static class BenchTimerWorkflow
{
    public const string Name = "Bench.Timer";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(Name)
        .Comment("Waits $.seconds, then succeeds (Shop.Bench's timer load).")
        .Wait("Sleep", w => w.SecondsPath("$.seconds").Next("Done"))
        .Succeed("Done")
        .Build();
}
