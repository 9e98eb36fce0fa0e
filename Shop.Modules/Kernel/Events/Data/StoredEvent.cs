namespace Shop.Modules.Kernel.Events.Data;

/// <summary>One row of the event store (SCENARIOS §1.5), also the outbox of undispatched events.</summary>
internal sealed class StoredEvent
{
    /// <summary>Insertion order: the order events are dispatched and listed in.</summary>
    public long Sequence { get; set; }

    public required string EventId { get; set; }

    /// <summary><c>C#customer-1</c>, <c>P#item-1</c>, …</summary>
    public required string Who { get; set; }

    /// <summary><c>2026-11-24T10:00:00.0000000Z#OrderCreated</c>: sorts by time within one <see cref="Who"/>.</summary>
    public required string TimeWhat { get; set; }

    /// <summary>ISO 8601 UTC, fixed width, so text order is time order.</summary>
    public required string Time { get; set; }

    public required string Source { get; set; }

    public required string DetailType { get; set; }

    /// <summary>The whole envelope as JSON.</summary>
    public required string Envelope { get; set; }

    /// <summary>The event bus it was put on (EventBridge's EventBusName); rules see only their own bus's events.</summary>
    public string Bus { get; set; } = Rules.EventBuses.Default;

    /// <summary>detail.orderId when the event has one, for the order filter.</summary>
    public string? OrderId { get; set; }

    /// <summary>The replay that put this copy of an archived event (StartReplay); null for an event as it happened.</summary>
    public string? ReplayName { get; set; }

    /// <summary>
    /// The W3C traceparent of the span that published the event (null when nothing was traced): each delivery's span is
    /// its child, so the handlers stay in the publisher's trace, also after a restart.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>Null until every handler has run; such events are dispatched again at start.</summary>
    public string? DispatchedAt { get; set; }
}

/// <summary>A handler's "done" mark for one event, committed with the handler's effect.</summary>
internal sealed class HandledEvent
{
    public required string EventId { get; set; }

    public required string Handler { get; set; }
}

/// <summary>
/// A delivery of one event to one subscriber that has not succeeded yet: waiting for its retry (with the
/// last error), waiting behind an earlier delivery of the same entity, or dead after too many attempts.
/// A successful delivery leaves no row.
/// </summary>
internal sealed class PendingDelivery
{
    public long Id { get; set; }

    /// <summary>The event's store order: deliveries are retried in it.</summary>
    public long Sequence { get; set; }

    public required string EventId { get; set; }

    public required string Subscriber { get; set; }

    /// <summary>The event's entity (<see cref="StoredEvent.Who"/>): a later event of it waits behind this one for the same subscriber.</summary>
    public required string Who { get; set; }

    public int Attempts { get; set; }

    /// <summary>UTC text (ModelConventions): the next attempt is not before.</summary>
    public required string DueAt { get; set; }

    public string? LastError { get; set; }

    public string? FailedAt { get; set; }

    public bool Dead { get; set; }

    /// <summary>The dead-letter list it goes to when dead (a rule target's DeadLetterConfig); null: the shop's dead deliveries.</summary>
    public string? DeadLetter { get; set; }

    /// <summary>UTC text of the first failure: a target's MaximumEventAgeInSeconds counts from it.</summary>
    public string? FirstFailedAt { get; set; }
}
