using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Definitions;

/// <summary><c>GET /choreography</c>: the monitored choreographies.</summary>
internal static class ListChoreographiesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListChoreographies(), ct)))
            .WithSummary("The monitored choreographies: patterns, entity id path, states, Mermaid graph");
}
