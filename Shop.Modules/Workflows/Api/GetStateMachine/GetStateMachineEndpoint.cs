using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Workflows.Api.GetStateMachine;

/// <summary><c>GET /workflows/{name}/definition</c>: the state machine's ASL document and revision; 404 when there is none.</summary>
internal static class GetStateMachineEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group.MapGet("/{name}/definition", HandleAsync);

    private static async Task<Results<Ok<StateMachineInfo>, NotFound>> HandleAsync(string name, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetStateMachine(name), ct) is { } machine ? TypedResults.Ok(machine) : TypedResults.NotFound();
}
