using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.PutTargets</c>.</summary>
internal static class PutTargetsOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (rules, bus, rule) = await TargetShared.RuleAsync(request, cancellationToken);
        if (request.Body["Targets"] is not JsonArray { Count: >= 1 and <= 100 } targets)
            throw AwsException.Validation("Targets is required: a list of 1 to 100 targets.");
        var read = targets.Select(TargetShared.ReadTarget).ToList();
        var failures = await rules.PutTargetsAsync(bus, rule, read, cancellationToken);
        return TargetShared.Failures(failures);
    }
}
