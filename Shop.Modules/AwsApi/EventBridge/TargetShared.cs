using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>What PutTargets, RemoveTargets, ListTargetsByRule share (each is its own XOperation.cs).</summary>
internal static class TargetShared
{
    internal static RuleTargetInfo ReadTarget(JsonNode? node)
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
            .Where(k => k is not ("Id" or "Arn" or "RoleArn" or "Input" or "InputPath" or "InputTransformer" or "RetryPolicy" or "DeadLetterConfig")).ToList();
        if (unknown.Count > 0)
            throw AwsException.Validation($"Target {id}: {string.Join(", ", unknown)} is not supported by the shop (its targets are state machines, event buses and the shop's own).");
        return new RuleTargetInfo(id, arn, target.Text("RoleArn", 1600), input.Count == 0 ? null : input, ReadRetry(id, target["RetryPolicy"]),
            ReadDeadLetter(id, target["DeadLetterConfig"]));
    }

    /// <summary>RetryPolicy: MaximumRetryAttempts 0-185, MaximumEventAgeInSeconds 60-86400 (EventBridge's bounds).</summary>
    internal static TargetRetryPolicy? ReadRetry(string id, JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonObject policy) throw AwsException.Validation($"Target {id}: RetryPolicy must be an object {{MaximumRetryAttempts, MaximumEventAgeInSeconds}}.");
        var unknown = policy.Select(p => p.Key).Where(k => k is not ("MaximumRetryAttempts" or "MaximumEventAgeInSeconds")).ToList();
        if (unknown.Count > 0) throw AwsException.Validation($"Target {id}: RetryPolicy has no member {string.Join(", ", unknown)}.");
        return new TargetRetryPolicy(Whole(id, policy, "MaximumRetryAttempts", 0, 185), Whole(id, policy, "MaximumEventAgeInSeconds", 60, 86400));
    }

    internal static int? Whole(string id, JsonObject policy, string name, int min, int max) => policy[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n >= min && n <= max => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d >= min && d <= max => (int)d,
        _ => throw AwsException.Validation($"Target {id}: RetryPolicy.{name} must be a whole number from {min} to {max}."),
    };

    /// <summary>DeadLetterConfig {Arn}: an SQS queue ARN, whose queue name names the shop's dead-letter list (checked by PutTargetsAsync).</summary>
    internal static string? ReadDeadLetter(string id, JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonObject config || config.Any(p => p.Key != "Arn"))
            throw AwsException.Validation($"Target {id}: DeadLetterConfig must be an object {{Arn}}.");
        return config.Text("Arn", 1600);
    }

    internal static JsonObject Render(RuleTargetInfo target)
    {
        var result = new JsonObject { ["Id"] = target.Id, ["Arn"] = target.Arn };
        result.AddIfSet("RoleArn", target.RoleArn);
        if (target.Retry is { } retry)
        {
            var policy = new JsonObject();
            if (retry.MaximumRetryAttempts is { } attempts) policy["MaximumRetryAttempts"] = attempts;
            if (retry.MaximumEventAgeInSeconds is { } age) policy["MaximumEventAgeInSeconds"] = age;
            result["RetryPolicy"] = policy;
        }
        if (target.DeadLetterArn is { } dlq) result["DeadLetterConfig"] = new JsonObject { ["Arn"] = dlq };
        if (target.Input is not null)
            foreach (var (key, value) in target.Input) result[key] = value?.DeepClone();
        return result;
    }

    internal static JsonObject Failures(IReadOnlyList<RuleTargetFailure> failures) => new()
    {
        ["FailedEntryCount"] = failures.Count,
        ["FailedEntries"] = new JsonArray(failures.Select(f => (JsonNode)new JsonObject
        {
            ["TargetId"] = f.TargetId,
            ["ErrorCode"] = f.ErrorCode,
            ["ErrorMessage"] = f.ErrorMessage,
        }).ToArray()),
    };

    internal static async Task<(EventRules Rules, string Bus, string Rule)> RuleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var rule = request.Body.Required("Rule", 64);
        var rules = request.Services.GetRequiredService<EventRules>();
        var bus = await rules.RequireBusAsync(request.Body.Text("EventBusName", 1600), cancellationToken);
        return (rules, bus, rule);
    }
}
