using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.RecordDeliveryStarted;

/// <summary>DeliveryStarted → DELIVERING; the order now waits for Logistics (or the delivery endpoints).</summary>
internal sealed class RecordDeliveryStartedHandler(HandleOnce once, EventDrivenOrders orders) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        await once.RunAsync(@event, nameof(RecordDeliveryStartedHandler), _ =>
        {
            orders.Record(@event.Detail, OrderStatus.Delivering, () => new OrderFacts(DeliveryAddress: @event.Detail.Text("delivery", "address")));
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
