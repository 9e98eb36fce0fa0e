using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.Data;

/// <summary>
/// The end of a delivering event-driven order, for either outcome the Delivery module reports: the order takes
/// <c>status</c> and <c>published</c> carries it in its detail; an order no longer DELIVERING → <c>failed</c>
/// with <c>error: OrderNotDelivering</c>. Orchestrated orders are left to their workflow.
/// </summary>
internal sealed class DeliveryOutcome(HandleOnce once, EventDrivenOrders orders, IEventPublisher events)
{
    public Task<bool> EndAsync(EventEnvelope @event, string handler, string status, string published, string failed, CancellationToken cancellationToken) =>
        once.RunAsync(@event, handler, async ct =>
        {
            var (ended, instead) = orders.EndDelivering(@event.Detail, status);
            if (ended is null && instead is null) return;
            var detail = @event.Detail.Copy();
            if (ended is null)
            {
                detail.With("error", new { errorCode = "OrderNotDelivering", message = $"The order is {instead}, not {OrderStatus.Delivering}." });
                await events.PublishAsync(OrderEvents.Source, failed, detail, cancellationToken: ct);
                return;
            }
            await events.PublishAsync(OrderEvents.Source, published, detail.With("order", ended), cancellationToken: ct);
        }, cancellationToken);
}
