using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Data;

/// <summary>
/// One stock movement as a single conditional UPDATE (Invariant 4): the condition sits in the WHERE, so
/// two concurrent moves can never both take the last unit, and nothing is read and written back.
/// </summary>
internal sealed class StockMove(InventorySql sql, UnitOfWork unitOfWork)
{
    public Task<ItemDto> RunAsync(string itemId, Stock from, Stock to, Func<string, DomainException> conflict, CancellationToken cancellationToken)
    {
        Require.Id(itemId, "itemId");
        return unitOfWork.ExecuteAsync(ct =>
        {
            var item = sql.Move(itemId, from, to, ct);
            if (item is null)
            {
                if (!sql.Exists(itemId, ct))
                    throw new NotFoundException("Item", itemId) { ErrorCode = InventoryErrors.ItemNotFound };
                throw conflict(itemId);
            }
            return Task.FromResult(item);
        }, cancellationToken);
    }
}
