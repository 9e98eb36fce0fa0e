using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Inventory.Data;
using Shop.Modules.Inventory.DescribeOnItemReserved;
using Shop.Modules.Inventory.RemoveOnPaymentMade;
using Shop.Modules.Inventory.ReserveOnOrderCreated;
using Shop.Modules.Inventory.ReturnOnOrderCanceled;
using Shop.Modules.Inventory.Seed;
using Shop.Modules.Inventory.UnreserveOnPaymentFailed;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
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
        var group = app.MapGroup("/inventory").WithTags("Inventory");
        group.MapGet("/describe/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DescribeItem(itemId), ct)));
        group.MapGet("/reserve/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ReserveItem(itemId), ct))).Mutates();
        group.MapGet("/unreserve/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UnreserveItem(itemId), ct))).Mutates();
        group.MapGet("/remove/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RemoveItem(itemId), ct))).Mutates();
        group.MapGet("/return/{itemId}", async (string itemId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ReturnItem(itemId), ct))).Mutates();
        return app;
    }
}
