using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;

namespace Shop.Modules.Coffee.Describe;

/// <summary><c>GET /coffee/orders/{orderId}</c>: one drink with its earlier attempts; 404 <c>DrinkNotFound</c>.</summary>
internal static class DescribeDrinkEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/orders/{orderId}", async (string orderId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DescribeDrink(orderId), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);
}
