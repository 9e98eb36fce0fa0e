using Mediator;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Delivery.EstimateOnCustomerDescribed;

/// <summary>CustomerDescribed → estimate the delivery to <c>customer.address</c> → DeliveryEstimated with <c>delivery</c>.</summary>
internal sealed class EstimateOnCustomerDescribedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(EstimateOnCustomerDescribedHandler), DeliveryEvents.Source, DeliveryEvents.ErrorDeliveryEstimated,
            async (detail, ct) =>
            {
                detail.With("delivery", await mediator.Send(new EstimateDelivery(detail.Text("customer", "address")!), ct));
                return DeliveryEvents.DeliveryEstimated;
            }, cancellationToken);
    }
}
