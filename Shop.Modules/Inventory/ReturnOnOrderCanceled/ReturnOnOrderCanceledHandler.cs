using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Inventory.ReturnOnOrderCanceled;

/// <summary>OrderCanceled → the sold item comes back (its id is in <c>order.itemId</c>) → ItemReturned.</summary>
internal sealed class ReturnOnOrderCanceledHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(ReturnOnOrderCanceledHandler), InventoryEvents.Source, InventoryEvents.ErrorItemReturned,
            async (detail, ct) =>
            {
                await mediator.Send(new ReturnItem(Require.Id(detail.Text("order", "itemId"), "order.itemId")), ct);
                return InventoryEvents.ItemReturned;
            }, cancellationToken);
    }
}
