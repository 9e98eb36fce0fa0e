using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Inventory.Contracts;

namespace Shop.Modules.Inventory.Describe;

/// <summary><c>GET /inventory/describe/{itemId}</c>: the item and its stock; 404 <c>ItemNotFound</c>.</summary>
internal static class DescribeItemEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/describe/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DescribeItem(itemId), ct))).ProducesProblem(StatusCodes.Status404NotFound);
}
