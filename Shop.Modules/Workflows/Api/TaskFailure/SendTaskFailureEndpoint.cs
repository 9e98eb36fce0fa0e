using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.TaskFailure;

/// <summary><c>POST /workflows/tasks/failure</c> <c>{taskToken, error, cause}</c>: the waiting task fails (its Retry and Catch apply).</summary>
internal static class SendTaskFailureEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/tasks/failure", async (TaskFailureRequest request, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SendTaskFailure(request.TaskToken!, request.Error, request.Cause), ct);
            return TypedResults.Ok(new { });
        });
}
