namespace Shop.Modules.Kernel.Events;

/// <summary>Read side of the event store (SCENARIOS §1.5); events are written only through <see cref="IEventPublisher"/>.</summary>
public interface IEventStore
{
    /// <summary>Events matching every given filter, in time order (then store order) unless <see cref="EventQuery.NewestFirst"/>.</summary>
    /// <param name="page">1-based.</param>
    Task<StoredEventPage> QueryAsync(EventQuery query, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<StoredEventView?> FindAsync(string eventId, CancellationToken cancellationToken = default);
}

/// <summary>Filters of an event-store query; null means "any". The time range is inclusive at both ends.</summary>
public sealed record EventQuery(
    string? Who = null,
    string? DetailType = null,
    string? Source = null,
    string? OrderId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool NewestFirst = false);

/// <summary>One stored event: its store keys and the envelope as published.</summary>
public sealed record StoredEventView(
    long Sequence,
    string Who,
    string TimeWhat,
    string Source,
    string DetailType,
    string? OrderId,
    bool Dispatched,
    EventEnvelope Envelope);

public sealed record StoredEventPage(IReadOnlyList<StoredEventView> Items, int Page, int PageSize, int Total);
