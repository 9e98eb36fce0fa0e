using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.EventStore.Contracts;

namespace Shop.Modules.EventStore.Describe;

/// <summary><c>GET /events/{eventId}</c>: one stored event; 404 when there is none.</summary>
internal static class DescribeEventEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{eventId}", HandleAsync).WithSummary("One stored event by id");

    private static async Task<Results<Ok<EventStoreItem>, NotFound>> HandleAsync(string eventId, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new DescribeEvent(eventId), cancellationToken) is { } stored ? TypedResults.Ok(stored) : TypedResults.NotFound();
}
