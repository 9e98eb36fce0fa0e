using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>PutTargets, RemoveTargets, ListTargetsByRule.</summary>
internal static class TargetOperations
{
    /// <summary>Target members that only matter to AWS's own delivery (retries, dead letters): accepted, not used.</summary>
    private static readonly string[] Ignored = ["RetryPolicy", "DeadLetterConfig"];

    public static async Task<JsonNode?> PutAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (rules, bus, rule) = await RuleAsync(request, cancellationToken);
        if (request.Body["Targets"] is not JsonArray { Count: >= 1 and <= 100 } targets)
            throw AwsException.Validation("Targets is required: a list of 1 to 100 targets.");
        var read = targets.Select(ReadTarget).ToList();
        var failures = await rules.PutTargetsAsync(bus, rule, read, cancellationToken);
        return Failures(failures);
    }

    public static async Task<JsonNode?> RemoveAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        request.Body.Flag("Force");
        var (rules, bus, rule) = await RuleAsync(request, cancellationToken);
        if (request.Body["Ids"] is not JsonArray { Count: >= 1 and <= 100 } ids
            || ids.Any(i => i is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            throw AwsException.Validation("Ids is required: a list of 1 to 100 target ids.");
        await rules.RemoveTargetsAsync(bus, rule, ids.Select(i => i!.GetValue<string>()).ToList(), cancellationToken);
        return Failures([]);
    }

    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (rules, bus, rule) = await RuleAsync(request, cancellationToken);
        var (offset, limit) = request.Body.Page();
        var targets = await rules.ListTargetsAsync(bus, rule, cancellationToken);
        return Members.PageOf(targets, offset, limit, "Targets", Render);
    }

    private static RuleTargetInfo ReadTarget(JsonNode? node)
    {
        if (node is not JsonObject target) throw AwsException.Validation("Each target must be an object {Id, Arn, ...}.");
        var id = target.Required("Id", 64);
        var arn = target.Required("Arn", 1600);
        var input = new JsonObject();
        input.AddIfSet("Input", target.Text("Input", 8192));
        input.AddIfSet("InputPath", target.Text("InputPath", 256));
        if (target["InputTransformer"] is { } transformer)
        {
            if (transformer is not JsonObject) throw AwsException.Validation($"InputTransformer of target {id} must be an object.");
            input["InputTransformer"] = transformer.DeepClone();
        }
        if (input.Count > 1) throw AwsException.Validation($"Target {id}: give at most one of Input, InputPath and InputTransformer.");
        var unknown = target.Select(p => p.Key)
            .Where(k => k is not ("Id" or "Arn" or "RoleArn" or "Input" or "InputPath" or "InputTransformer") && !Ignored.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw AwsException.Validation($"Target {id}: {string.Join(", ", unknown)} is not supported by the shop (its targets are state machines, event buses and the shop's own).");
        return new RuleTargetInfo(id, arn, target.Text("RoleArn", 1600), input.Count == 0 ? null : input);
    }

    private static JsonObject Render(RuleTargetInfo target)
    {
        var result = new JsonObject { ["Id"] = target.Id, ["Arn"] = target.Arn };
        result.AddIfSet("RoleArn", target.RoleArn);
        if (target.Input is not null)
            foreach (var (key, value) in target.Input) result[key] = value?.DeepClone();
        return result;
    }

    private static JsonObject Failures(IReadOnlyList<RuleTargetFailure> failures) => new()
    {
        ["FailedEntryCount"] = failures.Count,
        ["FailedEntries"] = new JsonArray(failures.Select(f => (JsonNode)new JsonObject
        {
            ["TargetId"] = f.TargetId,
            ["ErrorCode"] = f.ErrorCode,
            ["ErrorMessage"] = f.ErrorMessage,
        }).ToArray()),
    };

    private static async Task<(EventRules Rules, string Bus, string Rule)> RuleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var rule = request.Body.Required("Rule", 64);
        var rules = request.Services.GetRequiredService<EventRules>();
        var bus = await rules.RequireBusAsync(request.Body.Text("EventBusName", 1600), cancellationToken);
        return (rules, bus, rule);
    }
}
