using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Payments.CancelOnItemReturned;

/// <summary>ItemReturned → cancel the payment in <c>order.paymentId</c> → PaymentCanceled with <c>payment</c> (the end of a canceled delivery).</summary>
internal sealed class CancelOnItemReturnedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(CancelOnItemReturnedHandler), PaymentEvents.Source, PaymentEvents.ErrorPaymentCanceled,
            async (detail, ct) =>
            {
                detail.With("payment", await mediator.Send(new CancelPayment(detail.Text("order", "paymentId")!), ct));
                return PaymentEvents.PaymentCanceled;
            }, cancellationToken);
    }
}
