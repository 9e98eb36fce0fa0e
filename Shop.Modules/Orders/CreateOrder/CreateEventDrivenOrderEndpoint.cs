using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.CreateOrder;

/// <summary><c>GET /order/create/{customerId}/{itemId}</c> (the seed's GET; it creates an order): the event-driven order.</summary>
internal static class CreateEventDrivenOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/create/{customerId}/{itemId}", HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Starts an event-driven order (the choreography); 202 with its customerId and orderId")
            .Mutates();

    /// <summary>202: the order exists and OrderCreated is stored; the modules take it from there.</summary>
    private static async Task<Accepted<OrderDto>> HandleAsync(string customerId, string itemId, IMediator mediator, CancellationToken ct)
    {
        var order = await mediator.Send(new CreateEventDrivenOrder(customerId, itemId), ct);
        return TypedResults.Accepted($"/order/describe/{Uri.EscapeDataString(order.CustomerId)}/{Uri.EscapeDataString(order.OrderId)}", order);
    }
}
