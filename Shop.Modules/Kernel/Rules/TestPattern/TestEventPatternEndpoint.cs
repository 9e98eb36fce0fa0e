using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Rules.TestPattern;

/// <summary><c>POST /rules/test</c>: like EventBridge's TestEventPattern, with the rule's target input applied when it matches.</summary>
internal static class TestEventPatternEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/test", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var root = await JsonBody.ReadObjectAsync(request, "{\"pattern\": {...}, \"event\": {...}}", ct);
                return TypedResults.Ok(await sender.Send(new TestEventPattern(root), ct));
            })
            .WithSummary("TestEventPattern: {pattern, event, inputPathsMap?, inputTemplate?} → {matches, input}; 400 says what is wrong with the pattern");
}
