using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.CancelOnItemReturned;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;
using Shop.Modules.Payments.PayOnDeliveryEstimated;

namespace Shop.Modules.Payments;

/// <summary>Payments that fail at random (<c>Payments:FailProbability</c>), and their cancellation.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PaymentsDbContext>(PaymentsDbContext.MigrationsHistoryTable);
        services.AddReaction<PayOnDeliveryEstimatedHandler>(DeliveryEvents.Source, DeliveryEvents.DeliveryEstimated);
        services.AddReaction<CancelOnItemReturnedHandler>(InventoryEvents.Source, InventoryEvents.ItemReturned);
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/payment").WithTags("Payments");
        group.MapGet("/pay/{amount}", Pay).Mutates();
        group.MapGet("/cancel/{paymentId}", async (string paymentId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CancelPayment(paymentId), ct))).Mutates();
        group.MapGet("/describe/{paymentId}", async (string paymentId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DescribePayment(paymentId), ct)));
        return app;
    }

    /// <summary>As the seed: 201 when paid, 401 when declined (the FAILED payment is recorded and returned).</summary>
    private static async Task<Results<Created<PaymentDto>, ProblemHttpResult>> Pay(string amount, IMediator mediator, CancellationToken ct)
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
        return TypedResults.Problem(problem);
    }
}
