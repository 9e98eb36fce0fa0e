using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.CompleteOnDelivered;

/// <summary>DeliveryWasDelivered → DELIVERED and OrderDelivered: the end of a delivered event-driven order.</summary>
internal sealed class CompleteOnDeliveredHandler(HandleOnce once, EventDrivenOrders orders, IEventPublisher events) : INotificationHandler<EventReceived>
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        if (!@event.Is(DeliveryEvents.Source, DeliveryWasDelivered.DetailType)) return;
        await once.RunAsync(@event, nameof(CompleteOnDeliveredHandler), async ct =>
        {
            // Orchestrated orders are left to their workflow.
            if (await orders.FindAsync(@event.Detail, ct) is not { } order) return;
            var detail = @event.Detail.Copy();
            if (order.Status != OrderStatus.Delivering)
            {
                detail.With("error", new { errorCode = "OrderNotDelivering", message = $"The order is {order.Status}, not {OrderStatus.Delivering}." });
                await events.PublishAsync(OrderEvents.Source, OrderEvents.ErrorOrderDelivered, detail, cancellationToken: ct);
                return;
            }
            await orders.SaveAsync(order, OrderStatus.Delivered, ct);
            await events.PublishAsync(OrderEvents.Source, OrderEvents.OrderDelivered, detail.With("order", order.ToDto()), cancellationToken: ct);
        }, cancellationToken);
    }
}
