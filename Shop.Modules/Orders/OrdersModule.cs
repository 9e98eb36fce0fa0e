using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders;

/// <summary>The order records both order flows write (the flows themselves live elsewhere).</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrdersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrdersDbContext>(OrdersDbContext.MigrationsHistoryTable);
        services.AddWorkflow(OrderWorkflow.Define(configuration.GetValue("Orders:DeliveryTimeout", OrderWorkflow.DefaultDeliveryTimeoutSeconds)));
        services.AddScoped<DeliveryWaits>();
        services.AddSingleton<IPriceAdder, PriceAdder>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrdersEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/order").WithTags("Orders");
        orders.MapPost("/", PlaceOrderEndpoint.Handle).Accepts<PlaceOrderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Start an orchestrated order (workflow Orders.PlaceOrder); 202 with its orderId and executionId");
        orders.MapGet("/describe/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DescribeOrder(customerId, orderId), ct)));
        return app;
    }
}
