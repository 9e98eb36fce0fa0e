using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DisableRule</c>.</summary>
internal static class DisableRuleOperation
{
    public static Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken) => RuleShared.SetStateAsync(request, false, cancellationToken);
}
