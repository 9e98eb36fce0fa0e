using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.Cancel;
using Shop.Modules.Delivery.CancelOnLogistics;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Delivery.Delivered;
using Shop.Modules.Delivery.DeliveredOnLogistics;
using Shop.Modules.Delivery.Describe;
using Shop.Modules.Delivery.Estimate;
using Shop.Modules.Delivery.EstimateOnCustomerDescribed;
using Shop.Modules.Delivery.Start;
using Shop.Modules.Delivery.StartOnItemRemoved;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Delivery;

/// <summary>Delivery estimates (offline), and deliveries keyed by (customerId, orderId) with their outcome events.</summary>
public static class DeliveryModule
{
    public static IServiceCollection AddDeliveryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DeliveryDbContext>(DeliveryDbContext.MigrationsHistoryTable);
        services.AddSingleton<DeliveryEstimator>();
        services.AddScoped<DeliverySql>();
        services.AddScoped<DeliveryOutcome>();
        services.AddReaction<EstimateOnCustomerDescribedHandler>(CustomerEvents.Source, CustomerEvents.CustomerDescribed);
        services.AddReaction<CancelOnLogisticsHandler>((_, e) => LogisticsOutcome.Is(e, LogisticsEvents.DeliveryCanceled));
        services.AddReaction<StartOnItemRemovedHandler>(InventoryEvents.Source, InventoryEvents.ItemRemoved);
        services.AddReaction<DeliveredOnLogisticsHandler>((_, e) => LogisticsOutcome.Is(e, LogisticsEvents.Delivered));
        return services;
    }

    /// <summary>The seed's GET operations; start, cancel and delivered change state.</summary>
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route reads ids or an address from its path: a malformed one is a 400 that names it.
        var group = app.MapGroup("/delivery").WithTags("Delivery").ProducesProblem(StatusCodes.Status400BadRequest);
        EstimateDeliveryEndpoint.Map(group);
        StartDeliveryEndpoint.Map(group);
        DescribeDeliveryEndpoint.Map(group);
        CancelDeliveryEndpoint.Map(group);
        MarkDeliveredEndpoint.Map(group);
        return app;
    }
}
