using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.SkipTheLine.Contracts;

namespace Shop.Modules.SkipTheLine.Describe;

/// <summary><c>GET /skiptheline/orders/{accountId}/{vendorId}</c>: the account's active order with the vendor; 404 <c>PreOrderNotFound</c>.</summary>
internal static class DescribePreOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/orders/{accountId}/{vendorId}", async (string accountId, string vendorId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DescribePreOrder(accountId, vendorId), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);
}
