using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.RemoveTargets</c>.</summary>
internal static class RemoveTargetsOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        request.Body.Flag("Force");
        var (rules, bus, rule) = await TargetShared.RuleAsync(request, cancellationToken);
        if (request.Body["Ids"] is not JsonArray { Count: >= 1 and <= 100 } ids
            || ids.Any(i => i is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            throw AwsException.Validation("Ids is required: a list of 1 to 100 target ids.");
        await rules.RemoveTargetsAsync(bus, rule, ids.Select(i => i!.GetValue<string>()).ToList(), cancellationToken);
        return TargetShared.Failures([]);
    }
}
