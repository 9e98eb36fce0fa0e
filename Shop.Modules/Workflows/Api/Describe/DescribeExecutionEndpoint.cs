using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.Describe;

/// <summary><c>GET /workflows/executions/{id}</c>: status, input, output, current state.</summary>
internal static class DescribeExecutionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/executions/{id}", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DescribeExecution(id), ct)));
}
