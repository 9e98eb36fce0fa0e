using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Inventory.Describe;
using Shop.Modules.Inventory.DescribeOnItemReserved;
using Shop.Modules.Inventory.Remove;
using Shop.Modules.Inventory.RemoveOnPaymentMade;
using Shop.Modules.Inventory.Reserve;
using Shop.Modules.Inventory.ReserveOnOrderCreated;
using Shop.Modules.Inventory.Return;
using Shop.Modules.Inventory.ReturnOnOrderCanceled;
using Shop.Modules.Inventory.Seed;
using Shop.Modules.Inventory.Unreserve;
using Shop.Modules.Inventory.UnreserveOnPaymentFailed;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.SampleData;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Inventory;

/// <summary>Items for sale and their stock: available, reserved, sold.</summary>
public static class InventoryModule
{
    public static IServiceCollection AddInventoryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<InventoryDbContext>(InventoryDbContext.MigrationsHistoryTable);
        services.AddScoped<InventorySql>();
        services.AddScoped<StockMove>();
        services.AddSampleDataSet<ItemsSampleData>();
        services.AddReaction<UnreserveOnPaymentFailedHandler>(PaymentEvents.Source, PaymentEvents.PaymentFailed);
        services.AddReaction<DescribeOnItemReservedHandler>(InventoryEvents.Source, InventoryEvents.ItemReserved);
        services.AddReaction<RemoveOnPaymentMadeHandler>(PaymentEvents.Source, PaymentEvents.PaymentMade);
        services.AddReaction<ReserveOnOrderCreatedHandler>(OrderEvents.Source, OrderEvents.OrderCreated);
        services.AddReaction<ReturnOnOrderCanceledHandler>(OrderEvents.Source, OrderEvents.OrderCanceled);
        return services;
    }

    /// <summary>The seed's GET operations; all but describe change stock.</summary>
    public static IEndpointRouteBuilder MapInventoryEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route reads an item id from its path: a malformed one is a 400 that names it.
        var group = app.MapGroup("/inventory").WithTags("Inventory").ProducesProblem(StatusCodes.Status400BadRequest);
        DescribeItemEndpoint.Map(group);
        ReserveItemEndpoint.Map(group);
        UnreserveItemEndpoint.Map(group);
        RemoveItemEndpoint.Map(group);
        ReturnItemEndpoint.Map(group);
        return app;
    }
}
