using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.TaskHeartbeat;

/// <summary><c>POST /workflows/tasks/heartbeat</c> <c>{taskToken}</c>: the worker is alive; the task's heartbeat timeout starts again.</summary>
internal static class SendTaskHeartbeatEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/tasks/heartbeat", async (TaskHeartbeatRequest request, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SendTaskHeartbeat(request.TaskToken!), ct);
            return TypedResults.Ok(new { });
        });
}
