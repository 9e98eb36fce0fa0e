using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Remove;

internal sealed class RemoveItemHandler(StockMove stock) : IRequestHandler<RemoveItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(RemoveItem request, CancellationToken cancellationToken) =>
        await stock.RunAsync(request.ItemId, Stock.Reserved, Stock.Sold,
            id => new ConflictException("Item not reserved", $"Item '{id}' has no reserved units to remove.") { ErrorCode = InventoryErrors.ItemNotReserved },
            cancellationToken);
}
