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
internal sealed class CancelOnDeliveryCanceledHandler(HandleOnce once, EventDrivenOrders orders, IEventPublisher events) : INotificationHandler<EventReceived>
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        if (!@event.Is(DeliveryEvents.Source, DeliveryWasCanceled.DetailType)) return;
        await once.RunAsync(@event, nameof(CancelOnDeliveryCanceledHandler), async ct =>
        {
            // Orchestrated orders are left to their workflow.
            if (await orders.FindAsync(@event.Detail, ct) is not { } order) return;
            var detail = @event.Detail.Copy();
            if (order.Status != OrderStatus.Delivering)
            {
                detail.With("error", new { errorCode = "OrderNotDelivering", message = $"The order is {order.Status}, not {OrderStatus.Delivering}." });
                await events.PublishAsync(OrderEvents.Source, OrderEvents.ErrorOrderCanceled, detail, cancellationToken: ct);
                return;
            }
            await orders.SaveAsync(order, OrderStatus.DeliveryCanceled, ct);
            await events.PublishAsync(OrderEvents.Source, OrderEvents.OrderCanceled, detail.With("order", order.ToDto()), cancellationToken: ct);
        }, cancellationToken);
    }
}
