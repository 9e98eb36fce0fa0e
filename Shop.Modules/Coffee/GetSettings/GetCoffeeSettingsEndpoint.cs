using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;

namespace Shop.Modules.Coffee.GetSettings;

/// <summary><c>GET /coffee/settings</c>: store open or closed, barista capacity.</summary>
internal static class GetCoffeeSettingsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/settings", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetCoffeeSettings(), ct)));
}
