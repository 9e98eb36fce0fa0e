using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;

namespace Shop.Modules.Inventory.Reserve;

internal sealed class ReserveItemHandler(StockMove stock) : IRequestHandler<ReserveItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(ReserveItem request, CancellationToken cancellationToken) =>
        await stock.RunAsync(request.ItemId, Stock.Available, Stock.Reserved, ItemNotAvailableException.For, cancellationToken);
}
