using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Data;

/// <summary>
/// One stock movement as a single conditional UPDATE (Invariant 4): the condition sits in the WHERE, so
/// two concurrent moves can never both take the last unit, and nothing is read and written back.
/// </summary>
internal sealed class StockMove(InventoryDbContext db, UnitOfWork unitOfWork)
{
    public Task<ItemDto> RunAsync(
        string itemId,
        Expression<Func<Item, bool>> condition,
        Action<UpdateSettersBuilder<Item>> move,
        Func<string, DomainException> conflict,
        CancellationToken cancellationToken)
    {
        Require.Id(itemId, "itemId");
        return unitOfWork.ExecuteAsync(async ct =>
        {
            var changed = await db.Items.Where(i => i.ItemId == itemId).Where(condition).ExecuteUpdateAsync(move, ct);
            if (changed == 0)
            {
                if (!await db.Items.AnyAsync(i => i.ItemId == itemId, ct))
                    throw new NotFoundException("Item", itemId) { ErrorCode = InventoryErrors.ItemNotFound };
                throw conflict(itemId);
            }
            return await db.DescribeAsync(itemId, ct);
        }, cancellationToken);
    }
}
