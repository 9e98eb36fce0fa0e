using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Reserve;

/// <summary><c>GET /inventory/reserve/{itemId}</c> (the seed's GET; it changes stock): available −1, reserved +1; 404 <c>ItemNotAvailable</c> (as the sample answered) or <c>ItemNotFound</c>.</summary>
internal static class ReserveItemEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/reserve/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReserveItem(itemId), ct))).ProducesProblem(StatusCodes.Status404NotFound).Mutates();
}
