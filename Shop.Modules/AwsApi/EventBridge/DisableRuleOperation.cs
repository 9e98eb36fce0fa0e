using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DisableRule</c>.</summary>
internal static class DisableRuleOperation
{
    public static Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken) => RuleShared.SetStateAsync(request, false, cancellationToken);
}
