using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders.PlaceOrder;

/// <summary>
/// <c>POST /order/create/{customerId}/{orderId}</c> with <c>{"itemId"}</c> (the seed's API list: "To start a
/// create order workflow"): the orchestrated order under the caller's order id. The same ids and item again
/// answer the first start and start nothing (a client may retry); the same order id for another customer or
/// item is a 409. A body <c>customerId</c> (the seed's curl body) must name the path's customer.
/// </summary>
internal static class PlaceNamedOrderEndpoint
{
    public static async Task<Accepted<OrderAccepted>> Handle(string customerId, string orderId, HttpRequest request, IMediator mediator,
        IWorkflowEngine workflows, UnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        Require.Id(customerId, "customerId");
        Require.Id(orderId, "orderId");
        var fields = await PlaceOrderEndpoint.ReadObjectAsync(request, cancellationToken);
        var itemId = PlaceOrderEndpoint.Id(fields, "itemId");
        if (fields["customerId"] is not null && PlaceOrderEndpoint.Id(fields, "customerId") != customerId)
            throw new InvalidInputException("customerId", $"The body's customerId must be the path's ('{customerId}'), or be left out.");

        var started = await PlaceOrderEndpoint.StartAsync(customerId, itemId, orderId, mediator, workflows, unitOfWork, cancellationToken);
        if (!started.Created && !SameOrder(started.ExistingInput, customerId, itemId))
            throw new ConflictException("Order id taken", $"Order id '{orderId}' is already used by another order; choose another id.");
        return PlaceOrderEndpoint.Answer(started.Order);
    }

    private static bool SameOrder(JsonNode? input, string customerId, string itemId) =>
        input is JsonObject first && (string?)first["customerId"] == customerId && (string?)first["itemId"] == itemId;
}
