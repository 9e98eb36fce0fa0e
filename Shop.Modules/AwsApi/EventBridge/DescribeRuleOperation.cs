using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DescribeRule</c>.</summary>
internal static class DescribeRuleOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (rules, bus, name) = await RuleShared.RuleAsync(request, cancellationToken);
        var rule = await rules.DescribeRuleAsync(bus, name, cancellationToken);
        var result = RuleShared.Render(rule, request.Services.GetRequiredService<AwsArns>());
        result["CreatedBy"] = request.Services.GetRequiredService<IOptionsMonitor<AwsSettings>>().CurrentValue.AccountId;
        return result;
    }
}
