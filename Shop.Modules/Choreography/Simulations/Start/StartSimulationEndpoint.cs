using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Choreography.Simulations.Start;

/// <summary><c>POST /choreography/simulations</c> <c>{events: [...]}</c> or <c>{seed}</c>: 202 with the simulation; 429 when too many run.</summary>
internal static class StartSimulationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/simulations", HandleAsync)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Starts the WorkflowSimulation workflow with {events: [{source, detailType, detail, wait}]} (or {seed}): each event published, then its wait × Workflows:TimeScale → 202");

    private static async Task<Accepted<SimulationInfo>> HandleAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var simulation = await sender.Send(new StartSimulation(await JsonBody.ReadAsync(request, allowEmpty: false, ct)), ct);
        return TypedResults.Accepted($"/choreography/simulations/{simulation.SimulationId}", simulation);
    }
}
