using System.Text.Json.Nodes;

// What EventRules answers with: buses, rules, targets and failed target entries, as EventBridge describes them.
namespace Shop.Modules.Kernel.Rules;

/// <summary>A bus: <c>default</c> and the settings' buses are <see cref="Declared"/> (cannot be deleted).</summary>
public sealed record EventBusInfo(string Name, bool Declared);

/// <summary>A rule on a bus; <see cref="Managed"/> rules are declared in code or settings and are read-only.</summary>
/// <param name="EventPattern">Null for a rule that only runs on its <paramref name="ScheduleExpression"/>.</param>
public sealed record RuleInfo(string Bus, string Name, string? EventPattern, bool Enabled, string? Description, string? RoleArn, bool Managed,
    string? ScheduleExpression = null);

/// <param name="Arn">A state machine or event bus ARN, or the name of a target the shop registers (<see cref="IRuleTarget"/>).</param>
/// <param name="Input">The target's <c>Input</c>, <c>InputPath</c> or <c>InputTransformer</c> member as EventBridge spells it; null: the whole event.</param>
/// <param name="Retry">EventBridge's RetryPolicy; null: the dispatcher's own attempts.</param>
/// <param name="DeadLetterArn">DeadLetterConfig.Arn, an SQS queue ARN naming a dead-letter list of the shop.</param>
public sealed record RuleTargetInfo(string Id, string Arn, string? RoleArn, JsonObject? Input, TargetRetryPolicy? Retry = null, string? DeadLetterArn = null);

/// <summary>EventBridge's RetryPolicy: MaximumRetryAttempts 0-185, MaximumEventAgeInSeconds 60-86400.</summary>
public sealed record TargetRetryPolicy(int? MaximumRetryAttempts, int? MaximumEventAgeInSeconds);

public sealed record RuleTargetFailure(string TargetId, string ErrorCode, string ErrorMessage);
