using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.ListStateMachines</c>.</summary>
internal static class ListStateMachinesOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var types = (await request.Services.GetRequiredService<IStateMachines>().ListAsync(ct)).ToDictionary(m => m.Name, m => m.Type, StringComparer.Ordinal);
        var size = call.PageSize();
        var from = call.String("nextToken", 1024) is { } token ? StateMachineShared.Offset(token) : 0;
        var all = call.Engine.Definitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        var dates = request.Services.GetStateMachineDates();
        var page = all.Skip(from).Take(size).Select(d => (JsonNode)new JsonObject
        {
            ["stateMachineArn"] = call.Arns.StateMachine(d.Name),
            ["name"] = d.Name,
            ["type"] = types.GetValueOrDefault(d.Name, "STANDARD"),
            ["creationDate"] = SfnCall.Time(dates.CreationDate),
        }).ToArray();
        var result = new JsonObject { ["stateMachines"] = new JsonArray(page) };
        if (from + size < all.Length) result["nextToken"] = SfnCall.EncodeToken(new JsonObject { ["o"] = from + size });
        return result;
    }
}
