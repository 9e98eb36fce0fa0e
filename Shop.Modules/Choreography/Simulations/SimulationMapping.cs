using System.Text.Json.Nodes;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations;

/// <summary>A simulation is an execution of <see cref="SimulationWorkflow"/>: its progress is its history's PutEvents.</summary>
internal static class SimulationMapping
{
    public static async Task<SimulationInfo> ToInfoAsync(IWorkflowEngine engine, string executionId, CancellationToken ct) =>
        await ToInfoAsync(engine, await engine.DescribeAsync(executionId, ct), ct);

    public static async Task<SimulationInfo> ToInfoAsync(IWorkflowEngine engine, ExecutionDescription execution, CancellationToken ct)
    {
        var history = await engine.GetHistoryAsync(execution.ExecutionId, ct);
        var published = history.Count(h => h.Type == "TaskSucceeded" && h.State == SimulationWorkflow.PutEvents);
        var total = execution.Input?["events"] is JsonArray events ? events.Count : 0;
        var error = execution.Error is null ? null : $"{execution.Error}: {execution.Cause}";
        var updated = execution.StopDate ?? (history.Count > 0 ? history[^1].Timestamp : execution.StartDate);
        return new SimulationInfo(execution.ExecutionId, execution.Name, execution.Status, published, total, error, execution.StartDate, updated);
    }
}
