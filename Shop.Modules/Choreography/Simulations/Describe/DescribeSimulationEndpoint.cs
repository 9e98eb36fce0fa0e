using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Simulations.Describe;

/// <summary><c>GET /choreography/simulations/{id}</c>: a simulation's progress; 404 for an unknown id.</summary>
internal static class DescribeSimulationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/simulations/{id}", async (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DescribeSimulation(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A simulation's progress: published, total, status");
}
