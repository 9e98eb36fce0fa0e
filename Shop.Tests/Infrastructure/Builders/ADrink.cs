using System.Net;
using Shop.Modules.Coffee.Contracts;

namespace Shop.Tests.Infrastructure.Builders;

/// <summary>
/// A coffee order as the coffee shop's app places it (<c>POST /coffee/orders</c>), under a new order id unless the
/// test names one: <c>var drink = await ADrink.Of("Flat white").For("julia").PlaceAsync(client);</c>
/// </summary>
public sealed record ADrink
{
    public string Drink { get; init; } = "Americano grande latte";

    public string UserId { get; init; } = "lars.roewekamp";

    public string OrderId { get; init; } = SampleDataFiles.NewId("drink");

    public static ADrink Any => new();

    public static ADrink Of(string drink) => new() { Drink = drink };

    public static ADrink WithOrderId(string orderId) => new() { OrderId = orderId };

    public ADrink For(string userId) => this with { UserId = userId };

    public ADrink Making(string drink) => this with { Drink = drink };

    /// <summary>202 with the order id and the barista execution it started.</summary>
    public async Task<PlacedCoffeeOrder> PlaceAsync(HttpClient client) =>
        (await client.PostJsonAsync("/coffee/orders", new { orderId = OrderId, userId = UserId, drink = Drink })).As<PlacedCoffeeOrder>(HttpStatusCode.Accepted);
}
