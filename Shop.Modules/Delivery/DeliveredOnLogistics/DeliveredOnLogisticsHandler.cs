using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Delivery.DeliveredOnLogistics;

/// <summary>
/// Delivered (from Logistics, or any source naming an order: <see cref="LogisticsOutcome"/>) → the delivery is DELIVERED, and MarkDelivered publishes DeliveryWasDelivered (as the
/// HTTP operation does); an unknown or already ended delivery → ErrorDeliveryWasDelivered. Either order mode.
/// </summary>
internal sealed class DeliveredOnLogisticsHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(DeliveredOnLogisticsHandler), DeliveryEvents.Source, DeliveryEvents.ErrorDeliveryWasDelivered,
            async (detail, ct) =>
            {
                await mediator.Send(new MarkDelivered(detail.Text("customerId")!, detail.Text("orderId")!), ct);
                return null;
            }, cancellationToken);
    }
}
