using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Simulations.Recent;

/// <summary><c>GET /choreography/simulations</c>: the newest simulations.</summary>
internal static class ListSimulationsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/simulations", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSimulations(), ct)))
            .WithSummary("The newest simulations");
}
