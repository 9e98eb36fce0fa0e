using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.DescribeOnItemReserved;

/// <summary>ItemReserved → describe the item → ItemDescribed with <c>item</c> (its price is what the customer pays).</summary>
internal sealed class DescribeOnItemReservedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(DescribeOnItemReservedHandler), InventoryEvents.Source, InventoryEvents.ErrorItemDescribed,
            async (detail, ct) =>
            {
                var item = await mediator.Send(new DescribeItem(Require.Id(detail.Text("itemId"), "itemId")), ct);
                detail.With("item", item);
                return InventoryEvents.ItemDescribed;
            }, cancellationToken);
    }
}
