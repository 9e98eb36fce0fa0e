using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Payments.Describe;

/// <summary><c>GET /payment/describe/{paymentId}</c>; 404 <c>PaymentNotFound</c>.</summary>
internal static class DescribePaymentEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/describe/{paymentId}", async (string paymentId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DescribePayment(paymentId), ct))).ProducesProblem(StatusCodes.Status404NotFound);
}
