using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.Start;

/// <summary><c>POST /workflows/{workflow}/executions</c>: starts an execution (202 with its id and where to follow it).</summary>
internal static class StartExecutionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group.MapPost("/{workflow}/executions", HandleAsync);

    private static async Task<Accepted<StartedExecution>> HandleAsync(string workflow, StartExecutionRequest? request, ISender sender, CancellationToken ct)
    {
        var started = await sender.Send(new StartExecution(workflow, request?.Name, JsonText.Parse(request?.Input, "input")), ct);
        return TypedResults.Accepted($"/workflows/executions/{started.ExecutionId}", started);
    }
}
