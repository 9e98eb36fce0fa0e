using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Inventory.RemoveOnPaymentMade;

/// <summary>PaymentMade → the reserved item is sold → ItemRemoved.</summary>
internal sealed class RemoveOnPaymentMadeHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(RemoveOnPaymentMadeHandler), InventoryEvents.Source, InventoryEvents.ErrorItemRemoved,
            async (detail, ct) =>
            {
                await mediator.Send(new RemoveItem(Require.Id(detail.Text("itemId"), "itemId")), ct);
                return InventoryEvents.ItemRemoved;
            }, cancellationToken);
    }
}
