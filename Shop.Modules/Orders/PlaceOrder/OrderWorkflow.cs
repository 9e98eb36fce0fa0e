using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders.PlaceOrder;

/// <summary>
/// The orchestrated order of SCENARIOS §1.1, the seed's state machine step by step. Input:
/// <c>{"customerId","itemId","orderId"}</c> (without orderId, the execution's name is the order id).
/// </summary>
internal static class OrderWorkflow
{
    public const string Name = "Orders.PlaceOrder";
    public const int DefaultDeliveryTimeoutSeconds = 3600;

    /// <param name="deliveryTimeoutSeconds">How long to wait for the delivery outcome (× Workflows:TimeScale) before canceling it.</param>
    public static WorkflowDefinition Define(int deliveryTimeoutSeconds) => Workflow.Define(Name)
        .Comment("Orchestrated order: reserve, price, pay, deliver, then wait for the delivery outcome.")
        .Task("Reserve Item", ReserveItem, t => t
            .ResultPath(null)
            .Catch([InventoryErrors.ItemNotAvailable], "Write Order Item Not Available", resultPath: "$.error")
            .Next("Get Price"))
        .Task("Get Price", GetPrice, t => t.ResultPath("$.item").Next("Get Customer Address"))
        .Task("Get Customer Address", GetCustomer, t => t.ResultPath("$.customer").Next("Estimate Delivery"))
        .Task("Estimate Delivery", EstimateDelivery, t => t.ResultPath("$.estimate").Next("Add item price and delivery price"))
        .Task("Add item price and delivery price", AddPrices, t => t
            .ResultPath("$.total")
            .Retry([StatesErrors.TaskFailed], intervalSeconds: 2, maxAttempts: 6, backoffRate: 2)
            .Next("Make Payment"))
        .Task("Make Payment", MakePayment, t => t.ResultPath("$.payment").Next("Payment Successful?"))
        .Choice("Payment Successful?", c => c
            .When("Paid", s => (string?)s["payment"]?["status"] == PaymentStatus.Paid, "Remove Item")
            .Otherwise("Unreserve Item"))
        .Task("Unreserve Item", UnreserveItem, t => t.ResultPath(null).Next("Write Order Payment Failed"))
        .Task("Write Order Payment Failed", (ctx, ct) => WriteOrder(ctx, OrderStatus.PaymentFailed, ct), t => t.ResultPath(null).Next("Payment Failed"))
        .Fail("Payment Failed", PaymentErrors.PaymentFailed, "The payment was declined; the item is available again.")
        .Task("Remove Item", RemoveItem, t => t.ResultPath(null).Next("Start Delivery"))
        .Task("Start Delivery", StartDelivery, t => t.ResultPath("$.delivery").Next("Write Order"))
        .Task("Write Order", (ctx, ct) => WriteOrder(ctx, OrderStatus.Delivering, ct), t => t.ResultPath(null).Next("Wait For Delivery"))
        .WaitForCallback("Wait For Delivery", WaitForDelivery, s => s
            .TimeoutSeconds(deliveryTimeoutSeconds)
            .ResultPath("$.deliveryResult")
            .Catch([StatesErrors.Timeout], "Cancel Delivery", resultPath: "$.error")
            .Next("Delivered?"))
        .Choice("Delivered?", c => c
            .When("Delivered", s => Outcome(s) == DeliveryOutcomes.Delivered, "Update Order Delivered")
            .When("Canceled", s => Outcome(s) == DeliveryOutcomes.Canceled, "Return Item"))
        .Task("Update Order Delivered", (ctx, ct) => UpdateOrder(ctx, OrderStatus.Delivered, ct), t => t.ResultPath(null).Next("Delivered"))
        .Succeed("Delivered")
        .Task("Cancel Delivery", CancelDeliveryAfterTimeout, t => t
            .ResultPath(null)
            // The outcome arrived just as the wait timed out: the delivery's own record decides.
            .Catch([DeliveryErrors.DeliveryAlreadyDelivered], "Update Order Delivered", resultPath: "$.error")
            .Catch([DeliveryErrors.DeliveryAlreadyCanceled], "Return Item", resultPath: "$.error")
            .Next("Return Item"))
        .Task("Return Item", ReturnItem, t => t.ResultPath(null).Next("Cancel Payment"))
        .Task("Cancel Payment", CancelPayment, t => t.ResultPath(null).Next("Update Order Canceled"))
        .Task("Update Order Canceled", (ctx, ct) => UpdateOrder(ctx, OrderStatus.DeliveryCanceled, ct), t => t.ResultPath(null).Next("Delivery Canceled"))
        .Succeed("Delivery Canceled")
        .Task("Write Order Item Not Available", (ctx, ct) => WriteOrder(ctx, OrderStatus.ItemNotAvailable, ct), t => t.ResultPath(null).Next("Item Not Available"))
        .Fail("Item Not Available", InventoryErrors.ItemNotAvailable, "No unit of the item was available; nothing was reserved or paid.")
        .Build();

    // ---------------------------------------------------------------- steps, in the order above

    private static async Task<JsonNode?> ReserveItem(StepContext ctx, CancellationToken ct) =>
        WorkflowJson.From(await ctx.SendAsync(new ReserveItem(State(ctx).ItemId), ct));

    private static async Task<JsonNode?> GetPrice(StepContext ctx, CancellationToken ct) =>
        WorkflowJson.From(await ctx.SendAsync(new DescribeItem(State(ctx).ItemId), ct));

    private static async Task<JsonNode?> GetCustomer(StepContext ctx, CancellationToken ct) =>
        WorkflowJson.From(await ctx.SendAsync(new DescribeCustomer(State(ctx).CustomerId), ct));

    private static async Task<JsonNode?> EstimateDelivery(StepContext ctx, CancellationToken ct) =>
        WorkflowJson.From(await ctx.SendAsync(new EstimateDelivery(Required(State(ctx).Customer, "customer").Address), ct));

    private static Task<JsonNode?> AddPrices(StepContext ctx, CancellationToken ct)
    {
        var state = State(ctx);
        var total = ctx.Services.GetRequiredService<IPriceAdder>().Add(Required(state.Item, "item").Price, Required(state.Estimate, "estimate").Price);
        return Task.FromResult<JsonNode?>(JsonValue.Create(total));
    }

    private static async Task<JsonNode?> MakePayment(StepContext ctx, CancellationToken ct) =>
        // A declined payment is a result (status FAILED), not an error: the choice after it decides.
        WorkflowJson.From(await ctx.SendAsync(new MakePayment(Required(State(ctx).Total, "total")), ct));

    private static async Task UnreserveItem(StepContext ctx, CancellationToken ct) =>
        await ctx.SendAsync(new UnreserveItem(State(ctx).ItemId), ct);

    private static async Task RemoveItem(StepContext ctx, CancellationToken ct) =>
        await ctx.SendAsync(new RemoveItem(State(ctx).ItemId), ct);

    private static async Task<JsonNode?> StartDelivery(StepContext ctx, CancellationToken ct)
    {
        var state = State(ctx);
        return WorkflowJson.From(await ctx.SendAsync(new StartDelivery(state.CustomerId, OrderId(ctx), Required(state.Customer, "customer").Address), ct));
    }

    private static async Task WriteOrder(StepContext ctx, string status, CancellationToken ct)
    {
        var state = State(ctx);
        await ctx.SendAsync(new WriteOrder(state.CustomerId, OrderId(ctx), state.ItemId, status, OrderMode.Orchestrated,
            ItemPrice: state.Item?.Price, DeliveryPrice: state.Estimate?.Price, Total: state.Total, PaymentId: state.Payment?.PaymentId,
            DeliveryAddress: state.Customer?.Address, ExecutionId: ctx.ExecutionId), ct);
    }

    /// <summary>
    /// Records that the order waits (the execution id answers the callback: no token is kept) and says, in an event committed with it, that the order now waits. The
    /// delivery may have ended before this step ran; the handler of that event then completes the wait at once.
    /// </summary>
    private static async Task WaitForDelivery(StepContext ctx, CancellationToken ct)
    {
        var state = State(ctx);
        var orderId = OrderId(ctx);
        await ctx.Services.GetRequiredService<DeliveryWaits>().OpenAsync(state.CustomerId, orderId, ctx.ExecutionId, ct);
        await ctx.PublishAsync(OrchestratedOrderEvents.Source, OrchestratedOrderEvents.OrderWaitingForDelivery,
            new JsonObject { ["customerId"] = state.CustomerId, ["orderId"] = orderId, ["executionId"] = ctx.ExecutionId }, ct);
    }

    private static async Task UpdateOrder(StepContext ctx, string status, CancellationToken ct) =>
        await ctx.SendAsync(new UpdateOrderStatus(State(ctx).CustomerId, OrderId(ctx), status), ct);

    /// <summary>No outcome in time: the shop cancels the delivery itself, then goes down the canceled path.</summary>
    private static async Task CancelDeliveryAfterTimeout(StepContext ctx, CancellationToken ct)
    {
        var state = State(ctx);
        await ctx.Services.GetRequiredService<DeliveryWaits>().CloseAsync(state.CustomerId, OrderId(ctx), DeliveryOutcomes.TimedOut, ct);
        await ctx.SendAsync(new CancelDelivery(state.CustomerId, OrderId(ctx)), ct);
    }

    private static async Task ReturnItem(StepContext ctx, CancellationToken ct) =>
        await ctx.SendAsync(new ReturnItem(State(ctx).ItemId), ct);

    private static async Task CancelPayment(StepContext ctx, CancellationToken ct) =>
        await ctx.SendAsync(new CancelPayment(Required(State(ctx).Payment, "payment").PaymentId), ct);

    // ---------------------------------------------------------------- helpers

    private static OrderState State(StepContext ctx) => ctx.InputAs<OrderState>();

    private static string OrderId(StepContext ctx) => State(ctx).OrderId ?? ctx.ExecutionName;

    private static string? Outcome(JsonNode state) => (string?)state["deliveryResult"]?["outcome"];

    private static T Required<T>(T? value, string path) =>
        value ?? throw new StepFailedException(StatesErrors.Runtime, $"'$.{path}' is missing from the state.");

    private static T Required<T>(T? value, string path)
        where T : struct =>
        value ?? throw new StepFailedException(StatesErrors.Runtime, $"'$.{path}' is missing from the state.");

    /// <summary>The state data as the steps read it (camelCase JSON, growing as the steps add their results).</summary>
    private sealed record OrderState(
        string CustomerId,
        string ItemId,
        string? OrderId,
        ItemDto? Item,
        CustomerDto? Customer,
        DeliveryEstimate? Estimate,
        decimal? Total,
        PaymentDto? Payment,
        DeliveryDto? Delivery);
}

/// <summary>What the wait for the delivery receives as <c>{"outcome": ...}</c>.</summary>
internal static class DeliveryOutcomes
{
    public const string Delivered = "DELIVERED";
    public const string Canceled = "CANCELED";
    public const string TimedOut = "TIMED_OUT";
}

internal static class OrchestratedOrderEvents
{
    public const string Source = "Orders";

    /// <summary>Detail <c>{customerId, orderId, executionId}</c>; never the token.</summary>
    public const string OrderWaitingForDelivery = nameof(OrderWaitingForDelivery);
}
