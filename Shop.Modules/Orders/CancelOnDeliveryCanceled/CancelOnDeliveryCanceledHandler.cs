using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.CancelOnDeliveryCanceled;

/// <summary>
/// DeliveryWasCanceled → DELIVERY_CANCELED and OrderCanceled, whose detail carries the order (item and
/// payment id) so that the inventory takes the item back and the payment is canceled.
/// </summary>
internal sealed class CancelOnDeliveryCanceledHandler(DeliveryOutcome outcome) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await outcome.EndAsync(notification.Event, nameof(CancelOnDeliveryCanceledHandler),
            OrderStatus.DeliveryCanceled, OrderEvents.OrderCanceled, OrderEvents.ErrorOrderCanceled, cancellationToken);
    }
}
