using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;

namespace Shop.Modules.Inventory.Reserve;

internal sealed class ReserveItemHandler(StockMove stock) : IRequestHandler<ReserveItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(ReserveItem request, CancellationToken cancellationToken) =>
        await stock.RunAsync(request.ItemId,
            i => i.Available > 0,
            s => s.SetProperty(i => i.Available, i => i.Available - 1).SetProperty(i => i.Reserved, i => i.Reserved + 1),
            ItemNotAvailableException.For,
            cancellationToken);
}
