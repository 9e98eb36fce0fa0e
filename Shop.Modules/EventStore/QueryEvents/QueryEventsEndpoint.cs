using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.EventStore.QueryEvents;

/// <summary><c>GET /events</c> and <c>GET /events/{eventId}</c>.</summary>
internal static class QueryEventsEndpoint
{
    public static async Task<Ok<EventStorePage>> Handle(ISender sender,
        string? who, string? detailType, string? source, string? orderId, string? from, string? to, string? page, string? pageSize,
        string? bus, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new FindEvents(who, detailType, source, orderId, from, to, page, pageSize, Bus: bus), cancellationToken));

    public static async Task<Results<Ok<EventStoreItem>, NotFound>> HandleOne(IEventStore store, string eventId, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(eventId, cancellationToken);
        return stored is null ? TypedResults.NotFound() : TypedResults.Ok(EventStoreItem.From(stored));
    }
}
