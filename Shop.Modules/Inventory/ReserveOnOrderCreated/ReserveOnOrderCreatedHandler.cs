using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Inventory.ReserveOnOrderCreated;

/// <summary>OrderCreated → reserve the item → ItemReserved, or ItemNotAvailable (the order ends there).</summary>
internal sealed class ReserveOnOrderCreatedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        // Source matters: the coffee shop has an OrderCreated of its own.
        await reaction.RunAsync(notification.Event, nameof(ReserveOnOrderCreatedHandler), InventoryEvents.Source, InventoryEvents.ItemNotAvailable,
            async (detail, ct) =>
            {
                await mediator.Send(new ReserveItem(Require.Id(detail.Text("itemId"), "itemId")), ct);
                return InventoryEvents.ItemReserved;
            }, cancellationToken);
    }
}
