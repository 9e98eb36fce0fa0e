using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;

namespace Shop.Modules.Inventory.List;

internal sealed class ListItemsHandler(InventoryDbContext db) : IRequestHandler<ListItems, IReadOnlyList<ItemDto>>
{
    public async ValueTask<IReadOnlyList<ItemDto>> Handle(ListItems request, CancellationToken cancellationToken) =>
        (await db.Items.AsNoTracking().OrderBy(i => i.ItemId).ToListAsync(cancellationToken)).Select(i => i.ToDto()).ToArray();
}
