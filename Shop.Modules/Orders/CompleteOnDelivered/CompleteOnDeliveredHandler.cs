using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.CompleteOnDelivered;

/// <summary>DeliveryWasDelivered → DELIVERED and OrderDelivered: the end of a delivered event-driven order.</summary>
internal sealed class CompleteOnDeliveredHandler(DeliveryOutcome outcome) : INotificationHandler<EventReceived>
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        if (!notification.Event.Is(DeliveryEvents.Source, DeliveryWasDelivered.DetailType)) return;
        await outcome.EndAsync(notification.Event, nameof(CompleteOnDeliveredHandler),
            OrderStatus.Delivered, OrderEvents.OrderDelivered, OrderEvents.ErrorOrderDelivered, cancellationToken);
    }
}
