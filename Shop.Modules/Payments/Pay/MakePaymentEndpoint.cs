using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Payments.Pay;

/// <summary><c>GET /payment/pay/{amount}</c> (the seed's GET; it records a payment).</summary>
internal static class MakePaymentEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/pay/{amount}", HandleAsync).ProducesProblem(StatusCodes.Status401Unauthorized).Mutates();

    /// <summary>As the seed: 201 when paid, 401 when declined (the FAILED payment is recorded and returned).</summary>
    private static async Task<Results<Created<PaymentDto>, ProblemHttpResult>> HandleAsync(string amount, IMediator mediator, CancellationToken ct)
    {
        var payment = await mediator.Send(new MakePayment(Require.PositiveAmount(amount, "amount")), ct);
        if (payment.IsPaid) return TypedResults.Created($"/payment/describe/{payment.PaymentId}", payment);

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Payment failed",
            Detail = $"Payment '{payment.PaymentId}' of {payment.Amount} was declined.",
        };
        problem.Extensions["errorCode"] = PaymentErrors.PaymentFailed;
        problem.Extensions["payment"] = payment;
        // As the sample's payment service answered a declined payment (its order workflow reads Cause.paymentId).
        problem.Extensions["paymentId"] = payment.PaymentId;
        return TypedResults.Problem(problem);
    }
}
