using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

namespace Shop.Modules.Bench;

/// <summary>
/// Workflows only Shop.Bench uses, registered with <c>Bench:Workflows</c> = true (off by default).
/// "Bench.Timer" waits <c>$.seconds</c> and succeeds: the bench keeps many of them waiting to measure how late
/// timers fire while orders run.
/// </summary>
public static class BenchModule
{
    public const string TimerWorkflow = "Bench.Timer";

    public static IServiceCollection AddBenchModule(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Bench:Workflows", false)) return services;
        return services.AddWorkflow(Workflow.Define(TimerWorkflow)
            .Comment("Waits $.seconds, then succeeds (Shop.Bench's timer load).")
            .Wait("Sleep", w => w.SecondsPath("$.seconds").Next("Done"))
            .Succeed("Done")
            .Build());
    }
}
