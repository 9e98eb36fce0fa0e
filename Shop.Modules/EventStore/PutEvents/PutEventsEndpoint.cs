using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.EventStore.PutEvents;

/// <summary>
/// <c>POST /events</c> in EventBridge's PutEvents shape. The body is read as raw JSON so that a wrongly typed
/// field fails its own entry, like EventBridge, instead of the whole request (<see cref="PutEventsJsonHandler"/>).
/// </summary>
internal static class PutEventsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", HandleAsync)
            .Accepts<PutEventsRequest>("application/json")
            .WithSummary("PutEvents: publish up to 10 events (EventBridge's request and answer)")
            .Mutates();

    private static async Task<Ok<PutEventsResult>> HandleAsync(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var root = await JsonBody.ReadObjectAsync(request, "{\"Entries\": [...]}", cancellationToken);
        return TypedResults.Ok(await sender.Send(new PutEventsJson(root), cancellationToken));
    }
}
