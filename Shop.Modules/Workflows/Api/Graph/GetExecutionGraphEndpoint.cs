using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.Graph;

/// <summary><c>GET /workflows/executions/{id}/graph</c>: the execution's Mermaid graph (text), visited and failed states styled.</summary>
internal static class GetExecutionGraphEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/executions/{id}/graph", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Text(await sender.Send(new GetExecutionGraph(id), ct), "text/plain"));
}
