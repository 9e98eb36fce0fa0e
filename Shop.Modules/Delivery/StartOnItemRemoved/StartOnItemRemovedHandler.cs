using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Delivery.StartOnItemRemoved;

/// <summary>ItemRemoved → start the delivery to <c>customer.address</c> → DeliveryStarted (the order is DELIVERING).</summary>
internal sealed class StartOnItemRemovedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(StartOnItemRemovedHandler), DeliveryEvents.Source, DeliveryEvents.ErrorDeliveryStarted,
            async (detail, ct) =>
            {
                var delivery = await mediator.Send(new StartDelivery(detail.Text("customerId")!, detail.Text("orderId")!, detail.Text("customer", "address")!), ct);
                detail.With("delivery", delivery);
                return DeliveryEvents.DeliveryStarted;
            }, cancellationToken);
    }
}
