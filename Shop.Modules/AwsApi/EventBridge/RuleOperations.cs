using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>ListRules, DescribeRule, PutRule, DeleteRule, EnableRule, DisableRule.</summary>
internal static class RuleOperations
{
    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.Body.Text("NamePrefix", 64);
        var (offset, limit) = request.Body.Page();
        var rules = request.Services.GetRequiredService<EventRules>();
        var bus = await rules.RequireBusAsync(request.Body.Text("EventBusName", 1600), cancellationToken);
        var list = await rules.ListRulesAsync(bus, prefix, cancellationToken);
        var arns = request.Services.GetRequiredService<AwsArns>();
        return Members.PageOf(list, offset, limit, "Rules", r => Render(r, arns));
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (rules, bus, name) = await RuleAsync(request, cancellationToken);
        var rule = await rules.DescribeRuleAsync(bus, name, cancellationToken);
        var result = Render(rule, request.Services.GetRequiredService<AwsArns>());
        result["CreatedBy"] = request.Services.GetRequiredService<IOptionsMonitor<AwsSettings>>().CurrentValue.AccountId;
        return result;
    }

    public static async Task<JsonNode?> PutAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var (rules, bus, name) = await RuleAsync(request, cancellationToken);
        var schedule = body.Text("ScheduleExpression", 256);
        var pattern = body.Text("EventPattern", 4096);
        if (string.IsNullOrWhiteSpace(pattern) && string.IsNullOrWhiteSpace(schedule))
            throw AwsException.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        var enabled = body.Text("State") switch
        {
            null or "ENABLED" => true,
            "DISABLED" => false,
            var other => throw AwsException.Validation($"State '{other}' is not valid: ENABLED or DISABLED."),
        };
        try
        {
            await rules.PutRuleAsync(bus, name, pattern, enabled, body.Text("Description", 512), body.Text("RoleArn", 1600), schedule, cancellationToken);
        }
        catch (InvalidEventPatternException e)
        {
            throw InvalidPattern(e);
        }
        return new JsonObject { ["RuleArn"] = request.Services.GetRequiredService<AwsArns>().Rule(bus, name) };
    }

    public static async Task<JsonNode?> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        request.Body.Flag("Force");
        var (rules, bus, name) = await RuleAsync(request, cancellationToken);
        await rules.DeleteRuleAsync(bus, name, cancellationToken);
        return null;
    }

    public static Task<JsonNode?> EnableAsync(AwsRequest request, CancellationToken cancellationToken) => SetStateAsync(request, true, cancellationToken);

    public static Task<JsonNode?> DisableAsync(AwsRequest request, CancellationToken cancellationToken) => SetStateAsync(request, false, cancellationToken);

    private static async Task<JsonNode?> SetStateAsync(AwsRequest request, bool enabled, CancellationToken cancellationToken)
    {
        var (rules, bus, name) = await RuleAsync(request, cancellationToken);
        await rules.SetEnabledAsync(bus, name, enabled, cancellationToken);
        return null;
    }

    /// <summary>The rule's store, its bus (which must exist) and its name, from EventBusName and Name.</summary>
    private static async Task<(EventRules Rules, string Bus, string Name)> RuleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var name = request.Body.Required("Name", 64);
        var rules = request.Services.GetRequiredService<EventRules>();
        var bus = await rules.RequireBusAsync(request.Body.Text("EventBusName", 1600), cancellationToken);
        return (rules, bus, name);
    }

    internal static AwsException InvalidPattern(InvalidEventPatternException e) => new("InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.Message);

    private static JsonObject Render(RuleInfo rule, AwsArns arns)
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
