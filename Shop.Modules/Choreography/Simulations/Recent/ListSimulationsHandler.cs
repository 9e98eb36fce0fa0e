using Mediator;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations.Recent;

internal sealed class ListSimulationsHandler(IWorkflowEngine engine) : IRequestHandler<ListSimulations, IReadOnlyList<SimulationInfo>>
{
    public async ValueTask<IReadOnlyList<SimulationInfo>> Handle(ListSimulations request, CancellationToken cancellationToken)
    {
        var page = await engine.ListAsync(SimulationWorkflow.Name, cancellationToken: cancellationToken);
        var list = new List<SimulationInfo>();
        foreach (var execution in page.Executions.Take(20)) list.Add(await SimulationMapping.ToInfoAsync(engine, execution.ExecutionId, cancellationToken));
        return list;
    }
}
