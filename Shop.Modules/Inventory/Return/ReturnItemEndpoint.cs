using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Return;

/// <summary><c>GET /inventory/return/{itemId}</c>: sold −1, available +1; 409 <c>ItemNotSold</c>.</summary>
internal static class ReturnItemEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/return/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReturnItem(itemId), ct))).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
