using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.SkipTheLine.Contracts;

namespace Shop.Modules.SkipTheLine.PickUp;

/// <summary><c>POST /skiptheline/orders/{accountId}/{vendorId}/pickup</c>: the order is picked up and removed; 409 before its invoice exists.</summary>
internal static class PickUpPreOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/orders/{accountId}/{vendorId}/pickup", async (string accountId, string vendorId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PickUpPreOrder(accountId, vendorId), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
