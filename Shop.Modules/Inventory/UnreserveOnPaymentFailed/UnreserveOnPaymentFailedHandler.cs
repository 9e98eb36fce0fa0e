using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Inventory.UnreserveOnPaymentFailed;

/// <summary>PaymentFailed → the reservation is released → ItemUnreserved (the end of a PAYMENT_FAILED order).</summary>
internal sealed class UnreserveOnPaymentFailedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(UnreserveOnPaymentFailedHandler), InventoryEvents.Source, InventoryEvents.ErrorItemUnreserved,
            async (detail, ct) =>
            {
                await mediator.Send(new UnreserveItem(Require.Id(detail.Text("itemId"), "itemId")), ct);
                return InventoryEvents.ItemUnreserved;
            }, cancellationToken);
    }
}
