using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Remove;

internal sealed class RemoveItemHandler(StockMove stock) : IRequestHandler<RemoveItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(RemoveItem request, CancellationToken cancellationToken) =>
        await stock.RunAsync(request.ItemId,
            i => i.Reserved > 0,
            s => s.SetProperty(i => i.Reserved, i => i.Reserved - 1).SetProperty(i => i.Sold, i => i.Sold + 1),
            id => new ConflictException("Item not reserved", $"Item '{id}' has no reserved units to remove.") { ErrorCode = InventoryErrors.ItemNotReserved },
            cancellationToken);
}
