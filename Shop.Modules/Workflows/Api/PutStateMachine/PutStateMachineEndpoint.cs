using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Api.PutStateMachine;

/// <summary><c>PUT /workflows/{name}</c> with the ASL document as the body: creates (201) or updates (200) the state machine; 400 with the reason when invalid.</summary>
internal static class PutStateMachineEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group.MapPut("/{name}", HandleAsync).Accepts<object>("application/json");

    private static async Task<Results<Created<StateMachineInfo>, Ok<StateMachineInfo>>> HandleAsync(string name, HttpRequest request, ISender sender, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var document = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(document)) throw new InvalidInputException("body", "The body must be the state machine's Amazon States Language document (JSON).");
        var (machine, created) = await sender.Send(new PutStateMachine(name, document), ct);
        return created ? TypedResults.Created($"/workflows/{name}/definition", machine) : TypedResults.Ok(machine);
    }
}
