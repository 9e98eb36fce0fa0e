using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.Redrive;

/// <summary><c>POST /workflows/executions/{id}/redrive</c>: a failed execution runs again from the state that failed; answers the execution.</summary>
internal static class RedriveExecutionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/executions/{id}/redrive", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RedriveExecution(id), ct)));
}
