using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.CancelOnDeliveryCanceled;
using Shop.Modules.Orders.CompleteOnDelivered;
using Shop.Modules.Orders.CompleteOrchestratedOrder;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.CreateOrder;
using Shop.Modules.Orders.Data;
using Shop.Modules.Orders.Describe;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Orders.RecordDeliveryStarted;
using Shop.Modules.Orders.RecordItemNotAvailable;
using Shop.Modules.Orders.RecordPayment;
using Shop.Modules.Orders.RecordPaymentCanceled;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders;

/// <summary>The order records both order flows write, and the Order part of the event-driven flow.</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrdersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrdersDbContext>(OrdersDbContext.MigrationsHistoryTable);
        services.AddScoped<OrdersSql>();
        services.AddScoped<EventDrivenOrders>();
        services.AddScoped<DeliveryOutcome>();
        services.AddWorkflow(OrderWorkflow.Define(configuration.GetValue("Orders:DeliveryTimeout", OrderWorkflow.DefaultDeliveryTimeoutSeconds)));
        services.AddScoped<DeliveryWaits>();
        services.AddWorkflowInputValidator(OrderWorkflow.Name, PlaceOrchestratedOrderHandler.ValidateInput);
        services.AddSingleton<IPriceAdder, PriceAdder>();
        services.AddReaction<RecordDeliveryStartedHandler>(DeliveryEvents.Source, DeliveryEvents.DeliveryStarted);
        services.AddReaction<RecordPaymentCanceledHandler>(PaymentEvents.Source, PaymentEvents.PaymentCanceled);
        services.AddReaction<CancelOnDeliveryCanceledHandler>(DeliveryEvents.Source, DeliveryWasCanceled.DetailType);
        services.AddReaction<RecordItemNotAvailableHandler>(InventoryEvents.Source, InventoryEvents.ItemNotAvailable);
        services.AddReaction<CompleteOnDeliveredHandler>(DeliveryEvents.Source, DeliveryWasDelivered.DetailType);
        services.AddReaction<RecordPaymentHandler>(PaymentEvents.Source, PaymentEvents.PaymentMade);
        services.AddReaction<RecordPaymentHandler>(PaymentEvents.Source, PaymentEvents.PaymentFailed);
        services.AddReaction<CompleteOrchestratedOrderHandler>(DeliveryEvents.Source, DeliveryWasDelivered.DetailType);
        services.AddReaction<CompleteOrchestratedOrderHandler>(DeliveryEvents.Source, DeliveryWasCanceled.DetailType);
        services.AddReaction<CompleteOrchestratedOrderHandler>(OrchestratedOrderEvents.Source, OrchestratedOrderEvents.OrderWaitingForDelivery);
        return services;
    }

    public static IEndpointRouteBuilder MapOrdersEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route reads ids from its path or a JSON body: a malformed one is a 400 that names it.
        var group = app.MapGroup("/order").WithTags("Orders").ProducesProblem(StatusCodes.Status400BadRequest);
        PlaceOrchestratedOrderEndpoint.Map(group);
        DescribeOrderEndpoint.Map(group);
        CreateEventDrivenOrderEndpoint.Map(group);
        return app;
    }
}
