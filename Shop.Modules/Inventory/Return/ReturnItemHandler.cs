using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Return;

internal sealed class ReturnItemHandler(StockMove stock) : IRequestHandler<ReturnItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(ReturnItem request, CancellationToken cancellationToken) =>
        await stock.RunAsync(request.ItemId, Stock.Sold, Stock.Available,
            id => new ConflictException("Item not sold", $"Item '{id}' has no sold units to return.") { ErrorCode = InventoryErrors.ItemNotSold },
            cancellationToken);
}
