using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Payments.Cancel;

/// <summary><c>GET /payment/cancel/{paymentId}</c>: a PAID payment becomes CANCELED; 409 otherwise.</summary>
internal static class CancelPaymentEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/cancel/{paymentId}", async (string paymentId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CancelPayment(paymentId), ct))).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
