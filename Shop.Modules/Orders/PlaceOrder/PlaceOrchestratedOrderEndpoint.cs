using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.PlaceOrder;

internal sealed record PlaceOrderRequest(string CustomerId, string ItemId);

/// <summary>
/// The orchestrated order's two starts: <c>POST /order</c> <c>{"customerId","itemId"}</c>, the seed's workflow start
/// (its curl; the order id is new), and <c>POST /order/create/{customerId}/{orderId}</c> <c>{"itemId"}</c> (the seed's
/// API list: "To start a create order workflow") under the caller's order id. Bodies are read as raw JSON so that
/// each wrong field gets its own 400 naming it.
/// </summary>
internal static class PlaceOrchestratedOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/", PlaceAsync).Accepts<PlaceOrderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Start an orchestrated order (workflow Orders.PlaceOrder); 202 with its orderId and executionId");
        group.MapPost("/create/{customerId}/{orderId}", PlaceNamedAsync).Accepts<PlaceOrderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Start an orchestrated order under the caller's order id, body {\"itemId\"}; the same ids again answer the first start");
    }

    private static async Task<Accepted<OrderAccepted>> PlaceAsync(HttpRequest request, ISender sender, TimeProvider clock, CancellationToken cancellationToken)
    {
        var fields = await ReadObjectAsync(request, cancellationToken);
        var body = new PlaceOrderRequest(Id(fields, "customerId"), Id(fields, "itemId"));
        var placed = await sender.Send(new PlaceOrchestratedOrder(body.CustomerId, body.ItemId, NewOrderId(clock)), cancellationToken);
        if (!placed.Created) throw new ConflictException("Order id taken", $"An order '{placed.Order.OrderId}' already exists; try again.");
        return Answer(placed.Order);
    }

    /// <summary>
    /// The same ids and item again answer the first start and start nothing (a client may retry); the same order id
    /// for another customer or item is a 409. A body <c>customerId</c> (the seed's curl body) must name the path's customer.
    /// </summary>
    private static async Task<Accepted<OrderAccepted>> PlaceNamedAsync(string customerId, string orderId, HttpRequest request, ISender sender,
        CancellationToken cancellationToken)
    {
        Require.Id(customerId, "customerId");
        Require.Id(orderId, "orderId");
        var fields = await ReadObjectAsync(request, cancellationToken);
        var itemId = Id(fields, "itemId");
        if (fields["customerId"] is not null && Id(fields, "customerId") != customerId)
            throw new InvalidInputException("customerId", $"The body's customerId must be the path's ('{customerId}'), or be left out.");

        var placed = await sender.Send(new PlaceOrchestratedOrder(customerId, itemId, orderId), cancellationToken);
        if (!placed.Created && !SameOrder(placed.ExistingInput, customerId, itemId))
            throw new ConflictException("Order id taken", $"Order id '{orderId}' is already used by another order; choose another id.");
        return Answer(placed.Order);
    }

    private static bool SameOrder(JsonNode? input, string customerId, string itemId) =>
        input is JsonObject first && (string?)first["customerId"] == customerId && (string?)first["itemId"] == itemId;

    private static Accepted<OrderAccepted> Answer(OrderAccepted order) =>
        TypedResults.Accepted($"/order/describe/{Uri.EscapeDataString(order.CustomerId)}/{Uri.EscapeDataString(order.OrderId)}", order);

    /// <summary>Readable and sortable like the seed's (the start time, ISO 8601), plus 40 random bits so that orders of one millisecond differ.</summary>
    private static string NewOrderId(TimeProvider clock) =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    private static Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadObjectAsync(request, "{\"customerId\": ..., \"itemId\": ...}", cancellationToken);

    private static string Id(JsonObject fields, string name) => PlaceOrchestratedOrderHandler.Id(fields, name);
}
