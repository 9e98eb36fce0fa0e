using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Describe;

internal sealed class DescribeItemHandler(InventoryDbContext db) : IRequestHandler<DescribeItem, ItemDto>
{
    public async ValueTask<ItemDto> Handle(DescribeItem request, CancellationToken cancellationToken) =>
        await db.DescribeAsync(Require.Id(request.ItemId, "itemId"), cancellationToken);
}
