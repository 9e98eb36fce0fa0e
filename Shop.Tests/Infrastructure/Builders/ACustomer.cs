using Shop.Modules.Customers.Contracts;

namespace Shop.Tests.Infrastructure.Builders;

/// <summary>
/// A customer of its own for a test (a new id each time), so the test does not lean on the seed's customers:
/// <c>var customer = await ACustomer.LivingAt("Trafalgar Square, London WC2N 5DN, UK").CreateAsync(app);</c>
/// </summary>
public sealed record ACustomer
{
    /// <summary>Not one of seed/places.json: its delivery is estimated by the address rule.</summary>
    public const string DefaultAddress = "12 Test Lane, London E1 6AN, UK";

    public string Name { get; init; } = "Test Customer";

    public string Address { get; init; } = DefaultAddress;

    public string Description { get; init; } = "A customer made by a test";

    public static ACustomer Any => new();

    public static ACustomer LivingAt(string address) => new() { Address = address };

    public ACustomer Named(string name) => this with { Name = name };

    /// <summary>Creates it (see <see cref="SampleDataFiles"/>) and returns it as the shop describes it.</summary>
    public async Task<CustomerDto> CreateAsync(ShopApp app)
    {
        var id = SampleDataFiles.NewId("customer");
        await SampleDataFiles.AddCustomerAsync(app, new CustomerDto(id, Description, Name, $"{id}@example.com", Address));
        using var client = app.CreateClient();
        return await client.GetOkAsync<CustomerDto>($"/customer/describe/{id}");
    }
}
