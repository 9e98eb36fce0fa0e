using System.Net;
using System.Text.Json;

namespace Shop.Tests.Infrastructure.Builders;

/// <summary>
/// How <see cref="ACustomer"/> and <see cref="AnItem"/> create their record. The shop has no route that creates a
/// customer or an item: they come from the sample data. So a builder does what an operator does: it puts the record
/// in the app's seed folder (<see cref="ShopApp.SeedFolder"/>, a copy of seed/) and reloads the sample data
/// (<c>POST /admin/reload</c>). A reload overwrites the records its files hold and only those, so during the reload
/// the files hold the new record alone: every other customer and item keeps its counts. Then the files get their
/// content back, so that a later reload (e.g. a test of it) still reads the seed.
/// </summary>
internal static class SampleDataFiles
{
    private const string Customers = "customers.json";
    private const string Items = "items.json";

    public static Task AddCustomerAsync(ShopApp app, object customer) => AddAsync(app, [customer], []);

    public static Task AddItemAsync(ShopApp app, object item) => AddAsync(app, [], [item]);

    /// <summary>A new id: readable, with the builder's prefix, unique in a run (and valid wherever the shop checks ids).</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";

    private static async Task AddAsync(ShopApp app, object[] customers, object[] items)
    {
        await app.SeedLock.WaitAsync();
        var customersFile = Path.Combine(app.SeedFolder, Customers);
        var itemsFile = Path.Combine(app.SeedFolder, Items);
        var seedCustomers = await File.ReadAllTextAsync(customersFile);
        var seedItems = await File.ReadAllTextAsync(itemsFile);
        try
        {
            await File.WriteAllTextAsync(customersFile, JsonSerializer.Serialize(customers, JsonHttp.Options));
            await File.WriteAllTextAsync(itemsFile, JsonSerializer.Serialize(items, JsonHttp.Options));
            using var client = app.CreateClient();
            var loaded = (await client.PostJsonAsync("/admin/reload")).As<Dictionary<string, int>>(HttpStatusCode.OK);
            loaded.Should().Contain("customers", customers.Length).And.Contain("items", items.Length);
        }
        finally
        {
            await File.WriteAllTextAsync(customersFile, seedCustomers);
            await File.WriteAllTextAsync(itemsFile, seedItems);
            app.SeedLock.Release();
        }
    }
}
