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
/// <c>POST /order</c> <c>{"customerId","itemId"}</c>, the seed's workflow start: checks the customer and the
/// item, then starts the workflow (execution name = order id) and writes the order CREATED in one unit of
/// work, so the order can be described as soon as the answer (202) arrives.
/// </summary>
internal static class PlaceOrderEndpoint
{
    public static async Task<Accepted<OrderAccepted>> Handle(HttpRequest request, IMediator mediator, IWorkflowEngine workflows,
        UnitOfWork unitOfWork, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        // 404 before anything starts: an execution for a customer or item that does not exist would only fail.
        await mediator.Send(new DescribeCustomer(body.CustomerId), cancellationToken);
        await mediator.Send(new DescribeItem(body.ItemId), cancellationToken);

        var orderId = NewOrderId(clock);
        var accepted = await unitOfWork.ExecuteAsync(async ct =>
        {
            var input = new JsonObject { ["customerId"] = body.CustomerId, ["itemId"] = body.ItemId, ["orderId"] = orderId };
            var started = await workflows.StartAsync(OrderWorkflow.Name, input, name: orderId, ct);
            if (!started.Created) throw new ConflictException("Order id taken", $"An order '{orderId}' already exists; try again.");
            await mediator.Send(new WriteOrder(body.CustomerId, orderId, body.ItemId, OrderStatus.Created, OrderMode.Orchestrated,
                ExecutionId: started.ExecutionId), ct);
            return new OrderAccepted(orderId, body.CustomerId, started.ExecutionId);
        }, cancellationToken);
        return TypedResults.Accepted($"/order/describe/{Uri.EscapeDataString(accepted.CustomerId)}/{Uri.EscapeDataString(orderId)}", accepted);
    }

    /// <summary>Readable and sortable like the seed's (the start time, ISO 8601), plus 40 random bits so that orders of one millisecond differ.</summary>
    internal static string NewOrderId(TimeProvider clock) =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    /// <summary>Read as raw JSON so that each wrong field gets its own 400 naming it.</summary>
    private static async Task<PlaceOrderRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = await JsonBody.ReadObjectAsync(request, "{\"customerId\": ..., \"itemId\": ...}", cancellationToken);
        return new PlaceOrderRequest(Id(fields, "customerId"), Id(fields, "itemId"));
    }

    private static string Id(JsonObject fields, string name) =>
        Require.Id(JsonBody.String(fields, name), name);
}
