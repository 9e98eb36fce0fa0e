using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.ListExecutions;

/// <summary><c>GET /workflows/executions?workflow=&amp;status=&amp;page=</c>: executions, newest first, paged.</summary>
internal static class ListExecutionsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/executions", async (string? workflow, string? status, int? page, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListExecutions(workflow, status, page ?? 1), ct)));
}
