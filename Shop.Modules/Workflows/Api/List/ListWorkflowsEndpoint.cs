using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.List;

/// <summary><c>GET /workflows</c>: every registered workflow with its states and transitions.</summary>
internal static class ListWorkflowsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListWorkflows(), ct)));
}
