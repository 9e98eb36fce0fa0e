using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.Stop;

/// <summary><c>POST /workflows/executions/{id}/stop</c> with an optional error and cause: ABORTED; answers the execution.</summary>
internal static class StopExecutionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/executions/{id}/stop", async (string id, StopExecutionRequest? request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new StopExecution(id, request?.Error, request?.Cause), ct)));
}
