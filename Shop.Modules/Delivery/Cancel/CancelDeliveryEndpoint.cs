using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Cancel;

/// <summary><c>GET /delivery/cancel/{customerId}/{orderId}</c>: the delivery is canceled; 409 when it already ended.</summary>
internal static class CancelDeliveryEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/cancel/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CancelDelivery(customerId, orderId), ct))).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
