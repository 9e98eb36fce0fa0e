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
        await once.RunAsync(@event, nameof(RecordPaymentCanceledHandler), async ct =>
        {
            if (await orders.FindAsync(@event.Detail, ct) is { } order) await orders.SaveAsync(order, OrderStatus.PaymentCanceled, ct);
        }, cancellationToken);
    }
}
