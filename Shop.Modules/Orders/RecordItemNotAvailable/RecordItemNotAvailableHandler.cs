using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.RecordItemNotAvailable;

/// <summary>ItemNotAvailable → the order ends with status ITEM_NOT_AVAILABLE; nothing else happens to it.</summary>
internal sealed class RecordItemNotAvailableHandler(HandleOnce once, EventDrivenOrders orders) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        await once.RunAsync(@event, nameof(RecordItemNotAvailableHandler), _ =>
        {
            orders.Record(@event.Detail, OrderStatus.ItemNotAvailable);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
