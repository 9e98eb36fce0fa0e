using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Delivered;

/// <summary><c>GET /delivery/delivered/{customerId}/{orderId}</c>: the delivery is delivered; 409 when it already ended.</summary>
internal static class MarkDeliveredEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/delivered/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new MarkDelivered(customerId, orderId), ct))).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
