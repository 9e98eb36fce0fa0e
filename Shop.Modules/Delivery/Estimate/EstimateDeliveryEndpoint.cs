using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Delivery.Contracts;

namespace Shop.Modules.Delivery.Estimate;

/// <summary><c>GET /delivery/estimate/{address}</c>: price and route summary (with the sample's member names too).</summary>
internal static class EstimateDeliveryEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/estimate/{address}", async (string address, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(SampleAnswers.Of(await mediator.Send(new EstimateDelivery(address), ct))));
}
