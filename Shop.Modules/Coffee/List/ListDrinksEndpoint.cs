using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;

namespace Shop.Modules.Coffee.List;

/// <summary><c>GET /coffee/orders?recent=N</c>: the barista board, drinks waiting and the latest finished ones.</summary>
internal static class ListDrinksEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/orders", async (ISender sender, int? recent, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDrinks(recent ?? 20), ct)))
            .WithSummary("The barista board: drinks waiting (oldest first) and the latest finished ones");
}
