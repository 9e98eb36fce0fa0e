using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.EnableRule</c>.</summary>
internal static class EnableRuleOperation
{
    public static Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken) => RuleShared.SetStateAsync(request, true, cancellationToken);
}
