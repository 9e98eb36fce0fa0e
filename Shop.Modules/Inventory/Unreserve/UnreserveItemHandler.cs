using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Unreserve;

internal sealed class UnreserveItemHandler(StockMove stock) : IRequestHandler<UnreserveItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(UnreserveItem request, CancellationToken cancellationToken) =>
        await stock.RunAsync(request.ItemId, Stock.Reserved, Stock.Available,
            id => new ConflictException("Item not reserved", $"Item '{id}' has no reserved units to unreserve.") { ErrorCode = InventoryErrors.ItemNotReserved },
            cancellationToken);
}
