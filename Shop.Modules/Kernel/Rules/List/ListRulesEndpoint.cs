using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Kernel.Rules.List;

/// <summary><c>GET /rules</c>: every rule declared in code and settings.</summary>
internal static class ListRulesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListRules(), ct)))
            .WithSummary("Every rule: name, event pattern, target, target input, where it was declared");
}
