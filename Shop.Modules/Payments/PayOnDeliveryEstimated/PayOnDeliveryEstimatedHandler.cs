using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Payments.PayOnDeliveryEstimated;

/// <summary>
/// DeliveryEstimated → charge item price + delivery price → PaymentMade, or PaymentFailed when declined
/// (the seed never emits it); either way with <c>payment</c>.
/// </summary>
internal sealed class PayOnDeliveryEstimatedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(PayOnDeliveryEstimatedHandler), PaymentEvents.Source, PaymentEvents.ErrorPaymentMade,
            async (detail, ct) =>
            {
                var itemPrice = detail.Number("item", "price") ?? throw new InvalidInputException("item.price", "'item.price' is missing.");
                var deliveryPrice = detail.Number("delivery", "price") ?? throw new InvalidInputException("delivery.price", "'delivery.price' is missing.");
                var payment = await mediator.Send(new MakePayment(itemPrice + deliveryPrice), ct);
                detail.With("payment", payment);
                return payment.IsPaid ? PaymentEvents.PaymentMade : PaymentEvents.PaymentFailed;
            }, cancellationToken);
    }
}
