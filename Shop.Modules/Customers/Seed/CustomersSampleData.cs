using Microsoft.EntityFrameworkCore;
using Shop.Modules.Customers.Data;
using Shop.Modules.Kernel.SampleData;

namespace Shop.Modules.Customers.Seed;

/// <summary>seed/customers.json; a reload overwrites each seed customer, others stay.</summary>
internal sealed class CustomersSampleData(CustomersDbContext db) : ISampleData
{
    public string Name => "customers";

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => !await db.Customers.AnyAsync(cancellationToken);

    public async Task<int> LoadAsync(string seedFolder, CancellationToken cancellationToken)
    {
        var seed = await SeedFile.ReadAsync<Customer>(seedFolder, "customers.json", cancellationToken);
        var ids = seed.Select(c => c.CustomerId).ToList();
        await db.Customers.Where(c => ids.Contains(c.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        db.Customers.AddRange(seed);
        await db.SaveChangesAsync(cancellationToken);
        return seed.Count;
    }
}
