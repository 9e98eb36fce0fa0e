using Microsoft.EntityFrameworkCore;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Kernel.SampleData;

namespace Shop.Modules.Inventory.Seed;

/// <summary>seed/items.json; like the seed's put-item, a reload overwrites the whole item (reserved and sold back to 0).</summary>
internal sealed class ItemsSampleData(InventoryDbContext db) : ISampleData
{
    public string Name => "items";

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => !await db.Items.AnyAsync(cancellationToken);

    public async Task<int> LoadAsync(string seedFolder, CancellationToken cancellationToken)
    {
        var seed = await SeedFile.ReadAsync<SeedItem>(seedFolder, "items.json", cancellationToken);
        foreach (var s in seed)
        {
            var updated = await db.Items.Where(i => i.ItemId == s.ItemId).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.Name, s.Name)
                .SetProperty(i => i.Description, s.Description)
                .SetProperty(i => i.Price, s.Price)
                .SetProperty(i => i.Available, s.Available)
                .SetProperty(i => i.Reserved, 0)
                .SetProperty(i => i.Sold, 0), cancellationToken);
            if (updated == 0)
                db.Items.Add(new Item { ItemId = s.ItemId, Name = s.Name, Description = s.Description, Price = s.Price, Available = s.Available });
        }
        await db.SaveChangesAsync(cancellationToken);
        return seed.Count;
    }

    private sealed record SeedItem(string ItemId, string Name, string Description, decimal Price, int Available);
}
