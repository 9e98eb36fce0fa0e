using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.ListTargetsByRule</c>.</summary>
internal static class ListTargetsByRuleOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (rules, bus, rule) = await TargetShared.RuleAsync(request, cancellationToken);
        var (offset, limit) = request.Body.Page();
        var targets = await rules.ListTargetsAsync(bus, rule, cancellationToken);
        return Members.PageOf(targets, offset, limit, "Targets", TargetShared.Render);
    }
}
