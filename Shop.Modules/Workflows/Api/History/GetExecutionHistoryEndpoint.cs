using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.History;

/// <summary><c>GET /workflows/executions/{id}/history?after=&amp;limit=</c>: a page of the execution's history events.</summary>
internal static class GetExecutionHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/executions/{id}/history", async (string id, long? after, int? limit, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetExecutionHistory(id, after, limit), ct)));
}
