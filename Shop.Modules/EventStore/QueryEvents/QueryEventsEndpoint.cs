using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.EventStore.QueryEvents;

/// <summary><c>GET /events</c>: the event store filtered and paged, in store (time) order.</summary>
internal static class QueryEventsEndpoint
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    private const int MaxFilterLength = 256;

    public static async Task<Ok<EventStorePage>> Handle(IEventStore store,
        string? who, string? detailType, string? source, string? orderId, string? from, string? to, string? page, string? pageSize,
        CancellationToken cancellationToken)
    {
        var query = new EventQuery(Filter(who, "who"), Filter(detailType, "detailType"), Filter(source, "source"), Filter(orderId, "orderId"),
            Time(from, "from"), Time(to, "to"));
        if (query.From > query.To) throw new InvalidInputException("to", "'to' must not be before 'from'.");
        var pageNumber = Number(page, "page", 1, 1_000_000);
        // Larger pages are capped, not refused: the answer says which size was used.
        var size = Math.Min(Number(pageSize, "pageSize", DefaultPageSize, int.MaxValue), MaxPageSize);

        var result = await store.QueryAsync(query, pageNumber, size, cancellationToken);
        return TypedResults.Ok(new EventStorePage(result.Items.Select(EventStoreItem.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    public static async Task<Results<Ok<EventStoreItem>, NotFound>> HandleOne(IEventStore store, string eventId, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(eventId, cancellationToken);
        return stored is null ? TypedResults.NotFound() : TypedResults.Ok(EventStoreItem.From(stored));
    }

    private static string? Filter(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length > MaxFilterLength) throw new InvalidInputException(field, $"'{field}' must be at most {MaxFilterLength} characters.");
        return value.Trim();
    }

    private static DateTimeOffset? Time(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return IsoTime.TryParse(value.Trim(), out var time)
            ? time
            : throw new InvalidInputException(field, $"'{field}' must be an ISO 8601 time, e.g. 2026-11-24T10:00:00Z.");
    }

    private static int Number(string? value, string field, int fallback, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw new InvalidInputException(field, $"'{field}' must be a whole number from 1 to {max}.");
    }
}
