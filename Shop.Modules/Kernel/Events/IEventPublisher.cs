using System.Text.Json.Nodes;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Puts an event on the shop's bus. The event is stored in the current unit of work (the event store is
/// the outbox, Invariant 2) and dispatched to handlers only after that unit of work commits.
/// </summary>
public interface IEventPublisher
{
    /// <param name="who">Event-store key of the entity the event is about, e.g. <c>C#customer-1</c>; null derives it from the detail.</param>
    Task<EventEnvelope> PublishAsync(string source, string detailType, JsonObject detail, string? who = null,
        IReadOnlyList<string>? resources = null, DateTimeOffset? time = null, CancellationToken cancellationToken = default);
}
