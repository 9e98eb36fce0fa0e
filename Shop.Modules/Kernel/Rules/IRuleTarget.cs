using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Kernel.Rules;

/// <summary>
/// Where a rule sends a matching event (an EventBridge target). Registered in DI as <c>IRuleTarget</c> (scoped);
/// rules name it by <see cref="Name"/>. <see cref="InvokeAsync"/> runs inside the unit of work that also records
/// the rule as having handled the event, so its effect happens once per event.
/// </summary>
public interface IRuleTarget
{
    string Name { get; }

    Task InvokeAsync(RuleInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// A kind of target a rule made at run time names by ARN (PutTargets), e.g. a state machine. Registered in DI as
/// <c>IRuleArnTarget</c> (scoped); like <see cref="IRuleTarget"/>, it runs inside the rule's "handled" unit of work.
/// </summary>
public interface IRuleArnTarget
{
    bool Accepts(string arn);

    Task InvokeAsync(string arn, RuleInvocation invocation, CancellationToken cancellationToken);
}

/// <param name="Input">What the rule's target input (whole event, Input, InputPath or transformer) made of the event.</param>
public sealed record RuleInvocation(string Rule, JsonNode? Input, EventEnvelope Event);

/// <summary>A rule as registered: from code (<see cref="RulesModule.AddRule(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, string, string, Patterns.TargetInput?)"/>) or from the <c>Rules</c> settings.</summary>
public sealed record RuleDeclaration(Patterns.EventRule Rule, string Target, string Origin);
