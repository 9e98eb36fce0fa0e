using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Delivery.CancelOnLogistics;

/// <summary>
/// DeliveryCanceled (from Logistics, or any source naming an order: <see cref="LogisticsOutcome"/>) → the delivery is CANCELED, and CancelDelivery publishes DeliveryWasCanceled;
/// an unknown or already ended delivery → ErrorDeliveryWasCanceled. Either order mode.
/// </summary>
internal sealed class CancelOnLogisticsHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(CancelOnLogisticsHandler), DeliveryEvents.Source, DeliveryEvents.ErrorDeliveryWasCanceled,
            async (detail, ct) =>
            {
                await mediator.Send(new CancelDelivery(detail.Text("customerId")!, detail.Text("orderId")!), ct);
                return null;
            }, cancellationToken);
    }
}
