using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DeleteRule</c>.</summary>
internal static class DeleteRuleOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        request.Body.Flag("Force");
        var (rules, bus, name) = await RuleShared.RuleAsync(request, cancellationToken);
        await rules.DeleteRuleAsync(bus, name, cancellationToken);
        return null;
    }
}
