using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Coffee.Processing;
using Shop.Modules.Coffee.StartOnOrderCreated;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.Place;

/// <summary>
/// <c>POST /coffee/orders</c>: starts the barista workflow (name = order id, or <c>{orderId}.N</c> for the order's
/// next attempt once the earlier one ended) and publishes the coffee OrderCreated, in one unit of work. The event
/// reaches <see cref="StartOnOrderCreatedHandler"/> too, recorded as already handled by it: its execution is the one started here.
/// </summary>
internal sealed class PlaceCoffeeOrderHandler(IWorkflowEngine engine, IEventPublisher events, HandleOnce once, UnitOfWork unitOfWork, CoffeeDbContext db)
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
            if (started.Created)
            {
                var created = await events.PublishAsync(CoffeeEvents.ShopSource, CoffeeEvents.OrderCreated, detail, cancellationToken: ct);
                // This event's execution is the one just started. Without this record, a delivery that came after that
                // execution ended (a NoCapacity or Store Closed fails in milliseconds) started the order's next attempt.
                await once.RunAsync(created, StartOnOrderCreatedHandler.HandlerName, _ => Task.CompletedTask, ct);
            }
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
