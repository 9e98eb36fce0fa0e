using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.TaskSuccess;

/// <summary><c>POST /workflows/tasks/success</c> <c>{taskToken, output}</c>: the waiting task succeeds with the output (an object or a JSON string).</summary>
internal static class SendTaskSuccessEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/tasks/success", async (TaskSuccessRequest request, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SendTaskSuccess(request.TaskToken!, JsonText.Parse(request.Output, "output")), ct);
            return TypedResults.Ok(new { });
        });
}
