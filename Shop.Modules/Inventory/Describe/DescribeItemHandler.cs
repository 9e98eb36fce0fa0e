using Mediator;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Describe;

internal sealed class DescribeItemHandler(InventorySql sql) : IRequestHandler<DescribeItem, ItemDto>
{
    public ValueTask<ItemDto> Handle(DescribeItem request, CancellationToken cancellationToken)
    {
        var itemId = Require.Id(request.ItemId, "itemId");
        return ValueTask.FromResult(sql.Item(itemId, cancellationToken) ?? throw new NotFoundException("Item", itemId) { ErrorCode = InventoryErrors.ItemNotFound });
    }
}
