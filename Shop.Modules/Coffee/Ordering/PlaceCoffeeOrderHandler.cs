using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Coffee.Processing;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.Ordering;

/// <summary>
/// <c>POST /coffee/orders</c>: starts the barista workflow (name = order id, or <c>{orderId}.N</c> for the order's
/// next attempt once the earlier one ended) and publishes the coffee OrderCreated, in one unit of work. The event
/// reaches <see cref="StartOnOrderCreated"/> too, which finds the order in progress and starts nothing new.
/// </summary>
internal sealed class PlaceCoffeeOrderHandler(IWorkflowEngine engine, IEventPublisher events, UnitOfWork unitOfWork, CoffeeDbContext db)
    : IRequestHandler<PlaceCoffeeOrder, PlacedCoffeeOrder>
{
    public async ValueTask<PlacedCoffeeOrder> Handle(PlaceCoffeeOrder request, CancellationToken cancellationToken)
    {
        var order = CoffeeOrder.Create(request.OrderId ?? $"coffee-{Guid.NewGuid():N}"[..23], request.UserId, request.Drink);
        var detail = new JsonObject { ["orderId"] = order.OrderId, ["userId"] = order.UserId, ["drink"] = order.Drink };

        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var (name, current) = await DrinkAttempts.NextExecutionNameAsync(db, order.OrderId, ct);
            // Same order id while it is processed: the first order stands, and no second event is published.
            if (name is null) return new PlacedCoffeeOrder(order.OrderId, current!.ExecutionId!, false);
            var started = await engine.StartAsync(BaristaWorkflow.Name, WorkflowInput(CoffeeEvents.ShopSource, detail), name, ct);
            if (started.Created) await events.PublishAsync(CoffeeEvents.ShopSource, CoffeeEvents.OrderCreated, detail, cancellationToken: ct);
            return new PlacedCoffeeOrder(order.OrderId, started.ExecutionId, started.Created);
        }, cancellationToken);
    }

    /// <summary>The workflow's input has the event's shape, so "$.detail.orderId" reads as in the seed.</summary>
    public static JsonObject WorkflowInput(string source, JsonObject detail) => new()
    {
        ["source"] = source,
        ["detail-type"] = CoffeeEvents.OrderCreated,
        ["detail"] = detail.DeepClone(),
    };
}

/// <summary>
/// A coffee OrderCreated on the bus (from <c>POST /events</c> with the seed's detail, or our own) starts the
/// barista workflow. The retail shop's OrderCreated (another source) is not ours. A malformed detail is
/// logged and skipped: throwing would make the dispatcher redeliver it forever.
/// </summary>
internal sealed class StartOnOrderCreated(IWorkflowEngine engine, HandleOnce once, CoffeeDbContext db, Microsoft.Extensions.Logging.ILogger<StartOnOrderCreated> logger)
    : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var envelope = notification.Event;

        CoffeeOrder order;
        try
        {
            order = CoffeeOrder.Read(envelope.Detail);
        }
        catch (Kernel.Http.InvalidInputException ex)
        {
            Log.Skipped(logger, envelope.Id, ex.Message);
            return;
        }

        var input = JsonSerializer.SerializeToNode(envelope, EventEnvelope.Json)!;
        // Once per event (a redelivery starts nothing); a new OrderCreated for an order whose execution ended starts its next attempt.
        await once.RunAsync(envelope, "Coffee.StartOrderProcessing", async ct =>
        {
            var (name, _) = await DrinkAttempts.NextExecutionNameAsync(db, order.OrderId, ct);
            if (name is null)
            {
                Log.InProgress(logger, envelope.Id, order.OrderId);
                return;
            }
            try
            {
                await engine.StartAsync(BaristaWorkflow.Name, input, name, ct);
            }
            catch (Kernel.Http.DomainException e) when (DrinkAttempts.IsAlreadyStarted(e))
            {
                // Started a moment ago by POST /coffee/orders (its execution has not recorded the drink yet).
                Log.InProgress(logger, envelope.Id, order.OrderId);
            }
        }, cancellationToken);
    }
}

internal static partial class Log
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Coffee OrderCreated {EventId} skipped: {Problem}")]
    public static partial void Skipped(Microsoft.Extensions.Logging.ILogger logger, string eventId, string problem);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Coffee OrderCreated {EventId} starts nothing: order {OrderId} is being processed")]
    public static partial void InProgress(Microsoft.Extensions.Logging.ILogger logger, string eventId, string orderId);
}
