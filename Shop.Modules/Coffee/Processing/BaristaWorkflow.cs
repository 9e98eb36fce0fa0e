using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.Processing;

/// <summary>
/// The seed 003 "Order Processing" state machine (SCENARIOS §3). Input: an OrderCreated event (or just
/// <c>{"detail": {orderId, userId, drink}}</c>, like the workshop's test input). Every step that changes a
/// drink does it through the mediator, so the coffee_drinks row commits with the step.
/// </summary>
internal static class BaristaWorkflow
{
    public const string Name = "Coffee.OrderProcessing";
    public const int HeartbeatSeconds = 900;

    public const string StoreClosedError = "StoreClosed";
    public const string NoCapacityError = "NoCapacity";
    public const string TimedOutError = "BaristaTimedOut";
    public const string DrinkFailedError = "DrinkFailed";

    public const string WaitingMessage = "Thank you for 'submitting an order'. The workflow resumes as soon as a barista finish your drink.";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(Name)
        .Comment("Barista order processing: store open? capacity? then wait for the barista's callback.")
        // A Task, not a Pass: the engine's Pass only adds fixed results, and this one maps the event (ASL Parameters).
        .Task("Trigger Workflow", TriggerAsync, t => t.ResultPath("$").Next("Get Store Status"))
        .Task("Get Store Status", GetStoreStatusAsync, t => t.ResultPath("$.storeInfo").Next("Is store open?"))
        .Choice("Is store open?", c => c
            .When("store closed", data => Read(data).StoreInfo?.Open != true, "Store Closed")
            .Otherwise("Get Capacity"))
        .Task("Get Capacity", GetCapacityAsync, t => t.ResultPath("$.isCapacityAvailable").Next("Is capacity available?"))
        .Choice("Is capacity available?", c => c
            .When("capacity full", data => Read(data).IsCapacityAvailable?.Available != true, "No Capacity")
            .Otherwise("Awaiting Order Completion"))
        .WaitForCallback("Awaiting Order Completion", AwaitCompletionAsync, s => s
            .HeartbeatSeconds(HeartbeatSeconds)
            .ResultPath("$.orderToCreate.barista")
            .Catch([StatesErrors.Timeout], "Barista timed out", resultPath: "$.errorComment")
            .Catch([StatesErrors.All], "Drink Failed", resultPath: "$.errorComment")
            .Next("Order Completed"))
        .Task("Order Completed", CompleteAsync, t => t.ResultPath("$").End())
        .Task("Barista timed out", (ctx, ct) => FinishUnmadeAsync(ctx, DrinkStatus.TimedOut, ct), t => t.ResultPath(null).Next("Order Timed Out"))
        .Task("Drink Failed", (ctx, ct) => FinishUnmadeAsync(ctx, DrinkStatus.Failed, ct), t => t.ResultPath(null).Next("Order Failed"))
        .Fail("Store Closed", StoreClosedError, "The store is closed: the order was not accepted.")
        .Fail("No Capacity", NoCapacityError, "All baristas are busy (Coffee:BaristaCapacity drinks in progress): the order was not accepted.")
        .Fail("Order Timed Out", TimedOutError, $"Barista timed out: no heartbeat or completion within HeartbeatSeconds ({HeartbeatSeconds} s × Workflows:TimeScale).")
        .Fail("Order Failed", DrinkFailedError, "The barista reported that the drink could not be made.")
        .Build();

    private static async Task<JsonNode?> TriggerAsync(StepContext ctx, CancellationToken ct)
    {
        var order = CoffeeOrder.Read(ctx.Input["detail"]);
        // An order id still in progress in another execution fails this one with OrderInProgress.
        await ctx.SendAsync(new RecordDrink(order.OrderId, order.UserId, order.Drink, ctx.ExecutionId), ct);
        return new JsonObject
        {
            ["orderToCreate"] = new JsonObject
            {
                ["state"] = "received",
                ["orderId"] = order.OrderId,
                ["userId"] = order.UserId,
                ["drink"] = order.Drink,
            },
            ["displayMessage"] = $"Order with id {order.OrderId} entered workflow.",
        };
    }

    private static async Task<JsonNode?> GetStoreStatusAsync(StepContext ctx, CancellationToken ct)
    {
        var settings = await ctx.Mediator.Send(new GetCoffeeSettings(), ct);
        // The rejection is written here, with the reading that caused it: a Fail state runs no code.
        if (!settings.StoreOpen)
            await ctx.Mediator.Send(new UpdateDrink(OrderId(ctx), DrinkStatus.Failed, Reason: "Store closed: the store is not open."), ct);
        return new JsonObject { ["open"] = settings.StoreOpen };
    }

    private static async Task<JsonNode?> GetCapacityAsync(StepContext ctx, CancellationToken ct)
    {
        var settings = await ctx.Mediator.Send(new GetCoffeeSettings(), ct);
        // This execution is RUNNING too: like the seed's "Execution[10] is present", full means more than capacity.
        var running = await ctx.Services.GetRequiredService<IWorkflowEngine>().CountRunningAsync(Name, ct);
        var available = running <= settings.BaristaCapacity;
        if (!available)
            await ctx.Mediator.Send(new UpdateDrink(OrderId(ctx), DrinkStatus.Failed,
                Reason: $"No capacity: {running - 1} drink(s) in progress, capacity {settings.BaristaCapacity}."), ct);
        return new JsonObject { ["runningExecutions"] = running, ["capacity"] = settings.BaristaCapacity, ["available"] = available };
    }

    private static async Task AwaitCompletionAsync(StepContext ctx, CancellationToken ct)
    {
        var order = Order(ctx);
        await ctx.PublishAsync(CoffeeEvents.WorkshopSource, CoffeeEvents.WaitingCompletion, new JsonObject
        {
            ["Message"] = WaitingMessage,
            ["TaskToken"] = ctx.TaskToken,
            ["orderId"] = order.OrderId,
            ["userId"] = order.UserId,
            ["drink"] = order.Drink,
        }, ct);
        await ctx.Mediator.Send(new UpdateDrink(order.OrderId, DrinkStatus.Waiting, TaskToken: ctx.TaskToken), ct);
    }

    private static async Task<JsonNode?> CompleteAsync(StepContext ctx, CancellationToken ct)
    {
        var order = Order(ctx);
        var baristaId = Text(order.Barista?["baristaId"]);
        await ctx.Mediator.Send(new UpdateDrink(order.OrderId, DrinkStatus.Completed, BaristaId: baristaId), ct);
        return new JsonObject
        {
            ["orderCompleted"] = new JsonObject
            {
                ["displayMessage"] = $"Order with id {order.OrderId} is ready for pick up.",
                ["orderCreated"] = new JsonObject
                {
                    ["orderId"] = order.OrderId,
                    ["orderStatus"] = "ready for pickup",
                    ["userId"] = order.UserId,
                    ["drink"] = order.Drink,
                    ["baristaId"] = baristaId,
                },
            },
        };
    }

    private static async Task FinishUnmadeAsync(StepContext ctx, string status, CancellationToken ct)
    {
        var state = State(ctx);
        var reason = $"{state.ErrorComment?.Error}: {state.ErrorComment?.Cause}";
        await ctx.Mediator.Send(new UpdateDrink(OrderId(ctx), status, Reason: reason), ct);
    }

    // ---------------------------------------------------------------- the state, typed

    private static BaristaState State(StepContext ctx) => ctx.InputAs<BaristaState>();

    private static BaristaState Read(JsonNode data) => data.Deserialize<BaristaState>(WorkflowJson.Options) ?? new BaristaState(null, null, null, null);

    private static OrderToCreate Order(StepContext ctx) => State(ctx).OrderToCreate is { OrderId: not null } order
        ? order
        : throw new StepFailedException(StatesErrors.Runtime, "The state input has no orderToCreate.orderId.");

    private static string OrderId(StepContext ctx) => Order(ctx).OrderId;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    /// <summary>The state data as the steps read it (camelCase JSON, growing as the steps add their results).</summary>
    private sealed record BaristaState(OrderToCreate? OrderToCreate, StoreInfo? StoreInfo, CapacityInfo? IsCapacityAvailable, ErrorComment? ErrorComment);

    /// <param name="Barista">What the barista sent with SendTaskSuccess (the seed's <c>{"baristaId"}</c>): the caller's JSON, kept as sent.</param>
    private sealed record OrderToCreate(string? State, string OrderId, string? UserId, string? Drink, JsonNode? Barista);

    private sealed record StoreInfo(bool Open);

    private sealed record CapacityInfo(int RunningExecutions, int Capacity, bool Available);

    /// <summary>The error a Catch keeps at <c>$.errorComment</c>.</summary>
    private sealed record ErrorComment(string? Error, string? Cause);
}
