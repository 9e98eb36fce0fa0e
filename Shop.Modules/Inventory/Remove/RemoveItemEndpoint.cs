using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Remove;

/// <summary><c>GET /inventory/remove/{itemId}</c>: reserved −1, sold +1; 409 <c>ItemNotReserved</c>.</summary>
internal static class RemoveItemEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/remove/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RemoveItem(itemId), ct))).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
