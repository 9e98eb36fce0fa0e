using Shop.Modules.Kernel.Events;

namespace Shop.Modules.EventStore.Contracts;

/// <summary>
/// One stored event as SCENARIOS §1.5 names its attributes: <c>who</c> (<c>C#customer-1</c>), <c>timeWhat</c>
/// (<c>&lt;ISO time&gt;#&lt;detail-type&gt;</c>), <c>eventSource</c>, and <c>eventDetail</c>, the full envelope.
/// <c>sequence</c> is the store order; <c>eventBus</c> the bus it was put on.
/// </summary>
public sealed record EventStoreItem(long Sequence, string Who, string TimeWhat, string EventSource, EventEnvelope EventDetail, string EventBus)
{
    public static EventStoreItem From(StoredEventView stored) =>
        new(stored.Sequence, stored.Who, stored.TimeWhat, stored.Source, stored.Envelope, stored.Bus);
}

public sealed record EventStorePage(IReadOnlyList<EventStoreItem> Items, int Page, int PageSize, int Total);
