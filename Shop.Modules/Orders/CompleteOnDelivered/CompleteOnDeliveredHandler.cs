using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.CompleteOnDelivered;

/// <summary>DeliveryWasDelivered → DELIVERED and OrderDelivered: the end of a delivered event-driven order.</summary>
internal sealed class CompleteOnDeliveredHandler(DeliveryOutcome outcome) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await outcome.EndAsync(notification.Event, nameof(CompleteOnDeliveredHandler),
            OrderStatus.Delivered, OrderEvents.OrderDelivered, OrderEvents.ErrorOrderDelivered, cancellationToken);
    }
}
