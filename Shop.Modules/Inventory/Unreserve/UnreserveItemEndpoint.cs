using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Unreserve;

/// <summary><c>GET /inventory/unreserve/{itemId}</c>: reserved −1, available +1; 409 <c>ItemNotReserved</c>.</summary>
internal static class UnreserveItemEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/unreserve/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UnreserveItem(itemId), ct))).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
