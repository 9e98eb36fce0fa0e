using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.CancelOnDeliveryCanceled;
using Shop.Modules.Orders.CompleteOnDelivered;
using Shop.Modules.Orders.CompleteOrchestratedOrder;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;
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
        services.AddScoped<EventDrivenOrders>();
        services.AddScoped<DeliveryOutcome>();
        services.AddWorkflow(OrderWorkflow.Define(configuration.GetValue("Orders:DeliveryTimeout", OrderWorkflow.DefaultDeliveryTimeoutSeconds)));
        services.AddScoped<DeliveryWaits>();
        services.AddWorkflowInputValidator(OrderWorkflow.Name, PlaceOrderEndpoint.ValidateInput);
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
        var orders = app.MapGroup("/order").WithTags("Orders");
        orders.MapPost("/", PlaceOrderEndpoint.Handle).Accepts<PlaceOrderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Start an orchestrated order (workflow Orders.PlaceOrder); 202 with its orderId and executionId");
        orders.MapPost("/create/{customerId}/{orderId}", PlaceNamedOrderEndpoint.Handle).Accepts<PlaceOrderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Start an orchestrated order under the caller's order id, body {\"itemId\"}; the same ids again answer the first start");
        orders.MapGet("/describe/{customerId}/{orderId}", async (string customerId, string orderId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DescribeOrder(customerId, orderId), ct)));
        orders.MapGet("/create/{customerId}/{itemId}", CreateEventDriven)
            .WithSummary("Starts an event-driven order (the choreography); 202 with its customerId and orderId")
            .Mutates();
        return app;
    }

    /// <summary>202: the order exists and OrderCreated is stored; the modules take it from there.</summary>
    private static async Task<Accepted<OrderDto>> CreateEventDriven(string customerId, string itemId, IMediator mediator, CancellationToken ct)
    {
        var order = await mediator.Send(new CreateEventDrivenOrder(customerId, itemId), ct);
        return TypedResults.Accepted($"/order/describe/{Uri.EscapeDataString(order.CustomerId)}/{Uri.EscapeDataString(order.OrderId)}", order);
    }
}
