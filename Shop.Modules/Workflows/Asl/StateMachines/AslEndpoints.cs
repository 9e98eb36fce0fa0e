using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Asl;

/// <summary>REST for ASL state machines: PUT the document, GET it back.</summary>
internal static class AslEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // An invalid document or name is a 400 that says why.
        var group = endpoints.MapGroup("/workflows").WithTags("Workflows").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/{name}", PutAsync).Accepts<object>("application/json");
        group.MapGet("/{name}/definition", GetAsync);
    }

    /// <summary>Creates (201) or updates (200) the state machine from the ASL document in the body; 400 with the reason when invalid.</summary>
    private static async Task<Results<Created<StateMachineInfo>, Ok<StateMachineInfo>>> PutAsync(IStateMachines machines, string name, HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var document = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(document)) throw new InvalidInputException("body", "The body must be the state machine's Amazon States Language document (JSON).");
        var (machine, created) = await machines.PutAsync(name, document, ct);
        return created ? TypedResults.Created($"/workflows/{name}/definition", machine) : TypedResults.Ok(machine);
    }

    private static async Task<Results<Ok<StateMachineInfo>, NotFound>> GetAsync(IStateMachines machines, string name, CancellationToken ct) =>
        await machines.GetAsync(name, ct) is { } machine ? TypedResults.Ok(machine) : TypedResults.NotFound();
}
