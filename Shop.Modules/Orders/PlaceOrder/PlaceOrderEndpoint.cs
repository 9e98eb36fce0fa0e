using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders.PlaceOrder;

internal sealed record PlaceOrderRequest(string CustomerId, string ItemId);

internal sealed record OrderAccepted(string OrderId, string CustomerId, string ExecutionId);

/// <summary>
/// <c>POST /order</c> <c>{"customerId","itemId"}</c>, the seed's workflow start (its curl): checks the customer
/// and the item, then starts the workflow (execution name = a new order id) and writes the order CREATED in
/// one unit of work, so the order can be described as soon as the answer (202) arrives.
/// </summary>
internal static class PlaceOrderEndpoint
{
    public static async Task<Accepted<OrderAccepted>> Handle(HttpRequest request, IMediator mediator, IWorkflowEngine workflows,
        UnitOfWork unitOfWork, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var accepted = await StartAsync(body.CustomerId, body.ItemId, NewOrderId(clock), mediator, workflows, unitOfWork, cancellationToken);
        if (!accepted.Created) throw new ConflictException("Order id taken", $"An order '{accepted.Order.OrderId}' already exists; try again.");
        return Answer(accepted.Order);
    }

    /// <summary>
    /// Checks the customer and the item (404 before anything starts: an execution for a customer or item that does
    /// not exist would only fail), then starts the workflow named after the order and writes the order CREATED,
    /// in one unit of work. When an execution of that name exists, nothing is written and Created is false.
    /// </summary>
    internal static async Task<(OrderAccepted Order, bool Created, JsonNode? ExistingInput)> StartAsync(string customerId, string itemId, string orderId,
        IMediator mediator, IWorkflowEngine workflows, UnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        await mediator.Send(new DescribeCustomer(customerId), cancellationToken);
        await mediator.Send(new DescribeItem(itemId), cancellationToken);
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var input = new JsonObject { ["customerId"] = customerId, ["itemId"] = itemId, ["orderId"] = orderId };
            var started = await workflows.StartAsync(OrderWorkflow.Name, input, name: orderId, ct);
            var order = new OrderAccepted(orderId, customerId, started.ExecutionId);
            if (!started.Created) return (order, false, (await workflows.DescribeAsync(started.ExecutionId, ct)).Input);
            await mediator.Send(new WriteOrder(customerId, orderId, itemId, OrderStatus.Created, OrderMode.Orchestrated,
                ExecutionId: started.ExecutionId), ct);
            return (order, true, (JsonNode?)null);
        }, cancellationToken);
    }

    internal static Accepted<OrderAccepted> Answer(OrderAccepted order) =>
        TypedResults.Accepted($"/order/describe/{Uri.EscapeDataString(order.CustomerId)}/{Uri.EscapeDataString(order.OrderId)}", order);

    /// <summary>Readable and sortable like the seed's (the start time, ISO 8601), plus 40 random bits so that orders of one millisecond differ.</summary>
    internal static string NewOrderId(TimeProvider clock) =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    /// <summary>Read as raw JSON so that each wrong field gets its own 400 naming it.</summary>
    private static async Task<PlaceOrderRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = await ReadObjectAsync(request, cancellationToken);
        return new PlaceOrderRequest(Id(fields, "customerId"), Id(fields, "itemId"));
    }

    internal static Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadObjectAsync(request, "{\"customerId\": ..., \"itemId\": ...}", cancellationToken);

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
