using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Delivery;

/// <summary>
/// Which events report a delivery's outcome. The seed: "In Event source, you can put anything you want (for
/// example, Logistics)", so the detail-type and the detail's ids decide, not the source. An event of another
/// source without the ids is someone else's (e.g. a choreography's "Delivered") and is left alone; Logistics'
/// own events are always answered, with an error event when their detail is malformed.
/// </summary>
internal static class LogisticsOutcome
{
    public static bool Is(EventEnvelope @event, string detailType) =>
        @event.DetailType == detailType
        && @event.Source != DeliveryEvents.Source
        && (@event.Source == LogisticsEvents.Source || (@event.Detail.Text("customerId") is not null && @event.Detail.Text("orderId") is not null));
}
