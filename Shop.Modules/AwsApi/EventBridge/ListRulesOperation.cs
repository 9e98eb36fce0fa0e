using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.ListRules</c>.</summary>
internal static class ListRulesOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.Body.Text("NamePrefix", 64);
        var (offset, limit) = request.Body.Page();
        var rules = request.Services.GetRequiredService<EventRules>();
        var bus = await rules.RequireBusAsync(request.Body.Text("EventBusName", 1600), cancellationToken);
        var list = await rules.ListRulesAsync(bus, prefix, cancellationToken);
        var arns = request.Services.GetRequiredService<AwsArns>();
        return Members.PageOf(list, offset, limit, "Rules", r => RuleShared.Render(r, arns));
    }
}
