using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.Describe;

/// <summary><c>GET /order/describe/{customerId}/{orderId}</c>: the order record either flow wrote; 404 <c>OrderNotFound</c>.</summary>
internal static class DescribeOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/describe/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DescribeOrder(customerId, orderId), ct))).ProducesProblem(StatusCodes.Status404NotFound);
}
