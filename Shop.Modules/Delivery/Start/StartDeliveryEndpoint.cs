using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Start;

/// <summary><c>GET /delivery/start/{customerId}/{orderId}/{address}</c>: starts the order's delivery; 409 when it has one.</summary>
internal static class StartDeliveryEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/start/{customerId}/{orderId}/{address}", async (string customerId, string orderId, string address, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(SampleAnswers.Of(await mediator.Send(new StartDelivery(customerId, orderId, address), ct)))).ProducesProblem(StatusCodes.Status409Conflict).Mutates();
}
