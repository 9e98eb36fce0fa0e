using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.EventStore.Contracts;

namespace Shop.Modules.EventStore.QueryEvents;

/// <summary><c>GET /events</c>: stored events filtered and paged; 400 names the filter that is malformed.</summary>
internal static class FindEventsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async (ISender sender,
                string? who, string? detailType, string? source, string? orderId, string? from, string? to, string? page, string? pageSize,
                string? bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new FindEvents(who, detailType, source, orderId, from, to, page, pageSize, Bus: bus), cancellationToken)))
            .WithSummary("Stored events filtered by who, detailType, source, orderId, bus (event bus name) and time range (from/to, ISO 8601, inclusive), in store order, paged");
}
