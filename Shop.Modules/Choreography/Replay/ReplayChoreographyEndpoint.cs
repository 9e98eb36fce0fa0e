using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Choreography.Replay;

/// <summary><c>POST /choreography/{name}/replay</c> <c>{from?, to?, entityId?}</c>: stored events run through the definition in memory.</summary>
internal static class ReplayChoreographyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{name}/replay", async (string name, HttpRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplayChoreography(name, await JsonBody.ReadAsync(request, allowEmpty: true, ct)), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Runs stored events ({from, to} and/or {entityId}) through the definition in memory: which entities conform, where each diverged");
}
