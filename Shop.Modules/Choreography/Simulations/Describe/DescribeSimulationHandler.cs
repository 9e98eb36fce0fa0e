using Mediator;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations.Describe;

internal sealed class DescribeSimulationHandler(IWorkflowEngine engine) : IRequestHandler<DescribeSimulation, SimulationInfo>
{
    public async ValueTask<SimulationInfo> Handle(DescribeSimulation request, CancellationToken cancellationToken)
    {
        ExecutionDescription execution;
        try
        {
            execution = await engine.DescribeAsync(request.SimulationId, cancellationToken);
        }
        catch (DomainException e) when (e.StatusCode is 400 or 404)
        {
            throw new NotFoundException("Simulation", request.SimulationId);
        }
        if (execution.Workflow != SimulationWorkflow.Name) throw new NotFoundException("Simulation", request.SimulationId);
        return await SimulationMapping.ToInfoAsync(engine, execution, cancellationToken);
    }
}
