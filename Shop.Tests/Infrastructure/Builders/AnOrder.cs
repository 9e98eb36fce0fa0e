using System.Net;
using System.Net.Http.Json;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Orders.Contracts;

namespace Shop.Tests.Infrastructure.Builders;

/// <summary>
/// An order of one item by one customer, placed as a client places it: <see cref="PlaceAsync"/> starts the orchestrated
/// order (<c>POST /order</c>), <see cref="CreateEventDrivenAsync"/> the event-driven one (<c>GET /order/create/…</c>).
/// <c>var order = await AnOrder.Of(customer, item).PlaceAsync(client);</c>
/// </summary>
public sealed record AnOrder(string CustomerId, string ItemId)
{
    public static AnOrder Of(CustomerDto customer, ItemDto item) => new(customer.CustomerId, item.ItemId);

    /// <summary>A new customer and a new item (<paramref name="item"/>, or 10 in stock) for it.</summary>
    public static async Task<AnOrder> OfNewCustomerAndItemAsync(ShopApp app, AnItem? item = null) =>
        Of(await ACustomer.Any.CreateAsync(app), await (item ?? AnItem.Any).CreateAsync(app));

    /// <summary>The orchestrated order: 202 with its order and execution ids, and where to describe it.</summary>
    public async Task<OrderAccepted> PlaceAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/order", new { customerId = CustomerId, itemId = ItemId }, JsonHttp.Options);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        var accepted = System.Text.Json.JsonSerializer.Deserialize<OrderAccepted>(text, JsonHttp.Options)!;
        response.Headers.Location!.ToString().Should().Be($"/order/describe/{CustomerId}/{Uri.EscapeDataString(accepted.OrderId)}");
        return accepted;
    }

    /// <summary>The event-driven order: 202 with the order as written (status CREATED).</summary>
    public async Task<OrderDto> CreateEventDrivenAsync(HttpClient client) =>
        (await client.GetJsonAsync($"/order/create/{CustomerId}/{ItemId}")).As<OrderDto>(HttpStatusCode.Accepted);
}
