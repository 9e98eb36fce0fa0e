using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Place;

/// <summary>
/// <c>POST /coffee/orders</c> <c>{"orderId"?, "userId", "drink"}</c>: 202 when the order starts the barista workflow,
/// 200 when that order id is already in progress. The body is read as raw JSON so a wrongly typed field is a 400
/// that names it.
/// </summary>
internal static class PlaceCoffeeOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/orders", HandleAsync).Accepts<PlaceCoffeeOrder>("application/json")
            .WithSummary("Place a coffee order: publishes the coffee OrderCreated and starts the barista workflow");

    private static async Task<Results<Accepted<PlacedCoffeeOrder>, Ok<PlacedCoffeeOrder>>> HandleAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "", ct);
        var placed = await sender.Send(new PlaceCoffeeOrder(JsonBody.String(body, "orderId"), JsonBody.String(body, "userId"), JsonBody.String(body, "drink")), ct);
        return placed.Created
            ? TypedResults.Accepted($"/coffee/orders/{placed.OrderId}", placed)
            : TypedResults.Ok(placed);
    }
}
