using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.PutRule</c>.</summary>
internal static class PutRuleOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var (rules, bus, name) = await RuleShared.RuleAsync(request, cancellationToken);
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
            throw RuleShared.InvalidPattern(e);
        }
        return new JsonObject { ["RuleArn"] = request.Services.GetRequiredService<AwsArns>().Rule(bus, name) };
    }
}
