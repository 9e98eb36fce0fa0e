using Mediator;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Orders.RecordPaymentCanceled;

/// <summary>PaymentCanceled → PAYMENT_CANCELED: the end of a canceled delivery, item returned and money back.</summary>
internal sealed class RecordPaymentCanceledHandler(HandleOnce once, EventDrivenOrders orders) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        await once.RunAsync(@event, nameof(RecordPaymentCanceledHandler), _ =>
        {
            orders.Record(@event.Detail, OrderStatus.PaymentCanceled);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
