using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Payments.Cancel;
using Shop.Modules.Payments.CancelOnItemReturned;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;
using Shop.Modules.Payments.Describe;
using Shop.Modules.Payments.Pay;
using Shop.Modules.Payments.PayOnDeliveryEstimated;

namespace Shop.Modules.Payments;

/// <summary>Payments that fail at random (<c>Payments:FailProbability</c>), and their cancellation.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PaymentsDbContext>(PaymentsDbContext.MigrationsHistoryTable);
        services.AddScoped<PaymentsSql>();
        services.AddReaction<PayOnDeliveryEstimatedHandler>(DeliveryEvents.Source, DeliveryEvents.DeliveryEstimated);
        services.AddReaction<CancelOnItemReturnedHandler>(InventoryEvents.Source, InventoryEvents.ItemReturned);
        return services;
    }

    /// <summary>The seed's GET operations; pay and cancel change state.</summary>
    public static IEndpointRouteBuilder MapPaymentsEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route reads an id or an amount from its path: a malformed one is a 400 that names it.
        var group = app.MapGroup("/payment").WithTags("Payments").ProducesProblem(StatusCodes.Status400BadRequest);
        MakePaymentEndpoint.Map(group);
        CancelPaymentEndpoint.Map(group);
        DescribePaymentEndpoint.Map(group);
        return app;
    }
}
