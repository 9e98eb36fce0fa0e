using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders.PlaceOrder;

/// <summary>Starts the workflow <see cref="OrderWorkflow"/> for <paramref name="OrderId"/> (its execution's name).</summary>
internal sealed record PlaceOrchestratedOrder(string CustomerId, string ItemId, string OrderId) : IRequest<PlacedOrchestratedOrder>;

/// <param name="Created">False when an execution of that name existed: nothing was written.</param>
/// <param name="ExistingInput">That execution's input, so a caller can tell a retry from another order.</param>
internal sealed record PlacedOrchestratedOrder(OrderAccepted Order, bool Created, JsonNode? ExistingInput);

/// <summary>
/// Checks the customer and the item (404 before anything starts: an execution for a customer or item that does
/// not exist would only fail), then starts the workflow named after the order and writes the order CREATED,
/// in one unit of work, so the order can be described as soon as the answer (202) arrives.
/// </summary>
internal sealed class PlaceOrchestratedOrderHandler(IMediator mediator, IWorkflowEngine workflows, UnitOfWork unitOfWork)
    : IRequestHandler<PlaceOrchestratedOrder, PlacedOrchestratedOrder>
{
    public async ValueTask<PlacedOrchestratedOrder> Handle(PlaceOrchestratedOrder request, CancellationToken cancellationToken)
    {
        var (customerId, itemId, orderId) = request;
        await mediator.Send(new DescribeCustomer(customerId), cancellationToken);
        await mediator.Send(new DescribeItem(itemId), cancellationToken);
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var input = new JsonObject { ["customerId"] = customerId, ["itemId"] = itemId, ["orderId"] = orderId };
            var started = await workflows.StartAsync(OrderWorkflow.Name, input, name: orderId, ct);
            var order = new OrderAccepted(orderId, customerId, started.ExecutionId);
            if (!started.Created) return new PlacedOrchestratedOrder(order, false, (await workflows.DescribeAsync(started.ExecutionId, ct)).Input);
            await mediator.Send(new WriteOrder(customerId, orderId, itemId, OrderStatus.Created, OrderMode.Orchestrated,
                ExecutionId: started.ExecutionId), ct);
            return new PlacedOrchestratedOrder(order, true, null);
        }, cancellationToken);
    }

    /// <summary>The workflow's input {customerId, itemId, orderId} for the generic start: the ids POST /order checks.</summary>
    internal static void ValidateInput(JsonNode? input)
    {
        if (input is not JsonObject fields) throw new InvalidInputException("input", "'input' must be an object {customerId, itemId, orderId}.");
        Id(fields, "customerId");
        Id(fields, "itemId");
        Id(fields, "orderId");
    }

    internal static string Id(JsonObject fields, string name) =>
        Require.Id(JsonBody.String(fields, name), name);
}
