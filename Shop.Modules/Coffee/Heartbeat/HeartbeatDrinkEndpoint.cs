using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;

namespace Shop.Modules.Coffee.Heartbeat;

/// <summary><c>POST /coffee/orders/{orderId}/heartbeat</c>: the barista is still working (SendTaskHeartbeat).</summary>
internal static class HeartbeatDrinkEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/orders/{orderId}/heartbeat", async (string orderId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new HeartbeatDrink(orderId), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The barista is still working on the drink: SendTaskHeartbeat for its wait");
}
