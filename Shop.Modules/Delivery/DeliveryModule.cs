using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.CancelOnLogistics;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Delivery.DeliveredOnLogistics;
using Shop.Modules.Delivery.Estimate;
using Shop.Modules.Delivery.EstimateOnCustomerDescribed;
using Shop.Modules.Delivery.StartOnItemRemoved;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery;

/// <summary>Delivery estimates (offline), and deliveries keyed by (customerId, orderId) with their outcome events.</summary>
public static class DeliveryModule
{
    public static IServiceCollection AddDeliveryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DeliveryDbContext>(DeliveryDbContext.MigrationsHistoryTable);
        services.AddSingleton<DeliveryEstimator>();
        services.AddScoped<DeliveryOutcome>();
        services.AddReaction<EstimateOnCustomerDescribedHandler>(CustomerEvents.Source, CustomerEvents.CustomerDescribed);
        services.AddReaction<CancelOnLogisticsHandler>((_, e) => LogisticsOutcome.Is(e, LogisticsEvents.DeliveryCanceled));
        services.AddReaction<StartOnItemRemovedHandler>(InventoryEvents.Source, InventoryEvents.ItemRemoved);
        services.AddReaction<DeliveredOnLogisticsHandler>((_, e) => LogisticsOutcome.Is(e, LogisticsEvents.Delivered));
        return services;
    }

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/delivery").WithTags("Delivery");
        group.MapGet("/estimate/{address}", async (string address, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new EstimateDelivery(address), ct)));
        group.MapGet("/start/{customerId}/{orderId}/{address}", async (string customerId, string orderId, string address, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new StartDelivery(customerId, orderId, address), ct))).Mutates();
        group.MapGet("/describe/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DescribeDelivery(customerId, orderId), ct)));
        group.MapGet("/cancel/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CancelDelivery(customerId, orderId), ct))).Mutates();
        group.MapGet("/delivered/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MarkDelivered(customerId, orderId), ct))).Mutates();
        return app;
    }
}
