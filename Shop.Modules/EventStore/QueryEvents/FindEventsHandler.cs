using System.Globalization;
using Mediator;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.EventStore.QueryEvents;

internal sealed class FindEventsHandler(IEventStore store) : IRequestHandler<FindEvents, EventStorePage>
{
    private const int MaxFilterLength = 256;

    public async ValueTask<EventStorePage> Handle(FindEvents request, CancellationToken cancellationToken)
    {
        var query = new EventQuery(Filter(request.Who, "who"), Filter(request.DetailType, "detailType"), Filter(request.Source, "source"),
            Filter(request.OrderId, "orderId"), Time(request.From, "from"), Time(request.To, "to"), request.NewestFirst,
            Filter(request.Bus, "bus"));
        if (query.From > query.To) throw new InvalidInputException("to", "'to' must not be before 'from'.");
        var page = Number(request.Page, "page", 1, 1_000_000);
        // Larger pages are capped, not refused: the answer says which size was used.
        var size = Math.Min(Number(request.PageSize, "pageSize", FindEvents.DefaultPageSize, int.MaxValue), FindEvents.MaxPageSize);

        var result = await store.QueryAsync(query, page, size, cancellationToken);
        return new EventStorePage(result.Items.Select(EventStoreItem.From).ToList(), result.Page, result.PageSize, result.Total);
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
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw new InvalidInputException(field, $"'{field}' must be a whole number from 1 to {max}.");
    }
}
