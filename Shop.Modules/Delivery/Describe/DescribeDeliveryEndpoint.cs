using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Delivery.Contracts;

namespace Shop.Modules.Delivery.Describe;

/// <summary><c>GET /delivery/describe/{customerId}/{orderId}</c>; 404 <c>DeliveryNotFound</c>.</summary>
internal static class DescribeDeliveryEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/describe/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(SampleAnswers.Of(await mediator.Send(new DescribeDelivery(customerId, orderId), ct)))).ProducesProblem(StatusCodes.Status404NotFound);
}
