using Mediator;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Orders.RecordPayment;

/// <summary>
/// PaymentMade → PAID, PaymentFailed → PAYMENT_FAILED (the end of that order once the item is unreserved);
/// either way the order takes the prices, total, payment id and address the detail has gathered by now.
/// </summary>
internal sealed class RecordPaymentHandler(HandleOnce once, EventDrivenOrders orders) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        var status = @event.Source != PaymentEvents.Source ? null : @event.DetailType switch
        {
            PaymentEvents.PaymentMade => OrderStatus.Paid,
            PaymentEvents.PaymentFailed => OrderStatus.PaymentFailed,
            _ => null,
        };
        if (status is null) return;
        var detail = @event.Detail;
        await once.RunAsync(@event, nameof(RecordPaymentHandler), _ =>
        {
            orders.Record(detail, status, () => new OrderFacts(
                ItemPrice: detail.Number("item", "price"),
                DeliveryPrice: detail.Number("delivery", "price"),
                Total: detail.Number("payment", "amount"),
                PaymentId: detail.Text("payment", "paymentId"),
                DeliveryAddress: detail.Text("customer", "address")));
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
