using System.Diagnostics;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Kernel.Telemetry;

/// <summary>
/// The span of one delivery of a stored event to one subscriber: "handle {source}.{detail-type} → {subscriber}", a
/// child of the span that published the event (its <c>traceparent</c> is stored with it), so a handler's work sits in
/// the trace of the request or step that caused it, also when delivered after a restart.
/// </summary>
internal static class DeliverySpans
{
    public static Activity? Start(string? traceParent, EventSubscriber subscriber, EventEnvelope envelope, int attempt)
    {
        var span = ShopTelemetry.StartFrom(traceParent, ActivityKind.Consumer,
            static s => $"handle {s.envelope.Source}.{s.envelope.DetailType} → {s.subscriber.Name}", (subscriber, envelope));
        if (span is not { IsAllDataRequested: true }) return span;
        // OpenTelemetry's messaging conventions where they fit; the envelope's own fields under shop.event.*.
        span.SetTag("messaging.system", "shop");
        span.SetTag("messaging.operation.type", "process");
        span.SetTag("messaging.operation.name", "handle");
        span.SetTag("messaging.message.id", envelope.Id);
        span.SetTag(ShopTags.Subscriber, subscriber.Name);
        span.SetTag(ShopTags.EventSource, envelope.Source);
        span.SetTag(ShopTags.EventDetailType, envelope.DetailType);
        span.SetTag("messaging.delivery.attempt", attempt);
        return span;
    }

    /// <summary>The delivery failed with <paramref name="error"/> (it is parked for a retry, or dead).</summary>
    public static void Failed(Activity? span, Exception error) =>
        ShopTelemetry.Fail(span, error.GetType().FullName ?? error.GetType().Name, error.Message);
}
