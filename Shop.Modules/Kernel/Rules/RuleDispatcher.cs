using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Rules;

/// <summary>
/// Evaluates the rules of the event's bus for every event: the declared rules (code, settings) live on
/// <c>default</c>, run-time rules on their own bus, so a rule never sees another bus's event. A match runs the
/// target in <see cref="HandleOnce"/> keyed by the rule (and, for run-time rules, the target id): the target's
/// effect and the "handled" mark commit together, so a redelivery changes nothing.
/// </summary>
internal sealed class RuleDispatcher(RuleRegistry registry, IEnumerable<IRuleTarget> targets, HandleOnce handleOnce, EventsDbContext db,
    RuntimeRuleCache runtimeRules, RuleTargetInvoker invoker, ILogger<RuleDispatcher> logger)
    : INotificationHandler<EventReceived>
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var evt = notification.Event;
        // The envelope is EventBridge's and names no bus; the stored row does.
        var bus = await db.Events.AsNoTracking().Where(e => e.EventId == evt.Id).Select(e => e.Bus).FirstOrDefaultAsync(cancellationToken)
            ?? EventBuses.Default;
        var runtime = await runtimeRules.GetAsync(db, bus, cancellationToken);
        var declared = bus == EventBuses.Default ? registry.Rules : [];
        if (declared.Count == 0 && runtime.Count == 0) return;
        var node = Patterns.EventPattern.ToNode(evt);
        foreach (var declaration in declared)
        {
            if (!declaration.Rule.TryTransform(node, out var input)) continue;
            var target = targets.First(t => t.Name == declaration.Target);
            await RunAsync(evt, declaration.Rule.Name, "Rule:" + declaration.Rule.Name,
                ct => target.InvokeAsync(new RuleInvocation(declaration.Rule.Name, input, evt), ct), cancellationToken);
        }
        foreach (var rule in runtime)
        {
            if (!rule.Pattern.Matches(node)) continue;
            foreach (var target in rule.Targets)
            {
                var input = (target.Input ?? Patterns.TargetInput.WholeEvent).Apply(node, rule.Name);
                await RunAsync(evt, rule.Name, $"Rule:{bus}/{rule.Name}/{target.Id}",
                    ct => invoker.InvokeAsync(target.Arn, new RuleInvocation(rule.Name, input, evt), ct), cancellationToken);
            }
        }
    }

    private async Task RunAsync(EventEnvelope evt, string rule, string handler, Func<CancellationToken, Task> effect, CancellationToken cancellationToken)
    {
        try
        {
            await handleOnce.RunAsync(evt, handler, effect, cancellationToken);
        }
        catch (DomainException e)
        {
            // The event cannot be what the target needs: retrying would block the bus forever (EventBridge would dead-letter it).
            logger.LogWarning("Rule {Rule} refused event {EventId} ({DetailType}): {Problem}", rule, evt.Id, evt.DetailType, e.Message);
        }
    }
}
