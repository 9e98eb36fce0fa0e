using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>What ListRules, DescribeRule, PutRule, DeleteRule, EnableRule, DisableRule share (each is its own XOperation.cs).</summary>
internal static class RuleShared
{
    internal static async Task<JsonNode?> SetStateAsync(AwsRequest request, bool enabled, CancellationToken cancellationToken)
    {
        var (rules, bus, name) = await RuleAsync(request, cancellationToken);
        await rules.SetEnabledAsync(bus, name, enabled, cancellationToken);
        return null;
    }

    /// <summary>The rule's store, its bus (which must exist) and its name, from EventBusName and Name.</summary>
    internal static async Task<(EventRules Rules, string Bus, string Name)> RuleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var name = request.Body.Required("Name", 64);
        var rules = request.Services.GetRequiredService<EventRules>();
        var bus = await rules.RequireBusAsync(request.Body.Text("EventBusName", 1600), cancellationToken);
        return (rules, bus, name);
    }

    internal static AwsException InvalidPattern(InvalidEventPatternException e) => new("InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.Message);

    internal static JsonObject Render(RuleInfo rule, AwsArns arns)
    {
        var result = new JsonObject
        {
            ["Name"] = rule.Name,
            ["Arn"] = arns.Rule(rule.Bus, rule.Name),
        };
        result.AddIfSet("EventPattern", rule.EventPattern);
        result.AddIfSet("ScheduleExpression", rule.ScheduleExpression);
        result["State"] = rule.Enabled ? "ENABLED" : "DISABLED";
        result.AddIfSet("Description", rule.Description);
        result.AddIfSet("RoleArn", rule.RoleArn);
        result.AddIfSet("ManagedBy", rule.Managed ? "shop" : null);
        result["EventBusName"] = rule.Bus;
        return result;
    }
}
