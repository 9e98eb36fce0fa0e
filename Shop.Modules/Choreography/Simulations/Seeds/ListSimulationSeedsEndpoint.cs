using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Simulations.Seeds;

/// <summary><c>GET /choreography/simulations/seeds</c>: the simulation files of seed/simulations.</summary>
internal static class ListSimulationSeedsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/simulations/seeds", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSimulationSeeds(), ct)))
            .WithSummary("The simulation files of seed/simulations");
}
