using Shop.Modules.Inventory.Contracts;

namespace Shop.Tests.Infrastructure.Builders;

/// <summary>
/// An item of its own for a test (a new id each time), with the stock and price the test states rather than the
/// seed's: <c>var item = await AnItem.Stocked(5).Priced(12.50m).CreateAsync(app);</c>
/// </summary>
public sealed record AnItem
{
    public int Available { get; init; } = 10;

    public decimal Price { get; init; } = 100.00m;

    public string Name { get; init; } = "Test Item";

    public string Description { get; init; } = "An item made by a test";

    public static AnItem Any => new();

    /// <summary><paramref name="available"/> units, none reserved or sold.</summary>
    public static AnItem Stocked(int available) => new() { Available = available };

    public AnItem Priced(decimal price) => this with { Price = price };

    public AnItem Named(string name) => this with { Name = name };

    /// <summary>Creates it (see <see cref="SampleDataFiles"/>) and returns it as the inventory describes it.</summary>
    public async Task<ItemDto> CreateAsync(ShopApp app)
    {
        var id = SampleDataFiles.NewId("item");
        await SampleDataFiles.AddItemAsync(app, new { itemId = id, name = Name, description = Description, price = Price, available = Available });
        using var client = app.CreateClient();
        return await client.GetOkAsync<ItemDto>($"/inventory/describe/{id}");
    }
}
