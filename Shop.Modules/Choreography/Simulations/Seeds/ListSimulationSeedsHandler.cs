using Mediator;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Simulations.Seeds;

internal sealed class ListSimulationSeedsHandler(SimulationSeeds seeds) : IRequestHandler<ListSimulationSeeds, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(ListSimulationSeeds request, CancellationToken cancellationToken) => ValueTask.FromResult(seeds.Names());
}
