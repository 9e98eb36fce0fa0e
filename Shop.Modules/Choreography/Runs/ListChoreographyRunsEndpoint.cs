using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Runs;

/// <summary><c>GET /choreography/{name}/runs</c>: the newest runs of a choreography; 404 for an unknown one.</summary>
internal static class ListChoreographyRunsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{name}/runs", async (string name, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListChoreographyRuns(name), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The newest runs of a choreography: entity, execution, status, state, where it diverged");
}
