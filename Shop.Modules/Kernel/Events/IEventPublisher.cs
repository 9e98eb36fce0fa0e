using System.Text.Json.Nodes;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Puts an event on the shop's bus. The event is stored in the current unit of work (the event store is
/// the outbox, Invariant 2) and dispatched to handlers only after that unit of work commits.
/// </summary>
public interface IEventPublisher
{
    /// <param name="who">Event-store key of the entity the event is about, e.g. <c>C#customer-1</c>; null derives it from the detail.</param>
    /// <param name="eventBus">The bus it goes on (a name the caller has checked exists); null is the default bus.</param>
    Task<EventEnvelope> PublishAsync(string source, string detailType, JsonObject detail, string? who = null,
        IReadOnlyList<string>? resources = null, DateTimeOffset? time = null, string? eventBus = null,
        CancellationToken cancellationToken = default);
}
