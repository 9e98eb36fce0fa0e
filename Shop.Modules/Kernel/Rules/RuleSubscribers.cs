using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.Kernel.Rules;

/// <summary>
/// The rules as subscribers of the bus, each seeing only its own bus's events: the declared rules (code,
/// settings) live on <c>default</c>, run-time rules on their bus. Each match is one delivery, counted, retried and
/// set aside like any other: "Rule:" + name for a declared rule, "Rule:{bus}/{rule}/{target id}" for a run-time
/// rule's target. The target runs in <see cref="HandleOnce"/> under that name: its effect and the "handled" mark
/// commit together, so a redelivery changes nothing.
/// </summary>
internal sealed class RuleSubscribers(RuleRegistry registry, EventsDbContext db, RuntimeRuleCache runtimeRules, ILogger<RuleSubscribers> logger)
    : IEventSubscribers
{
    public IEnumerable<EventSubscriber> Match(EventEnvelope @event)
    {
        var hasRuntime = runtimeRules.Any(db);
        if (registry.Rules.Count == 0 && !hasRuntime) yield break;
        var node = EventPattern.ToNode(@event);

        // A scheduled rule's event goes to that rule's targets only (its ARN is the event's one resource); a copy a
        // target forwarded to another bus goes nowhere (EventBridge's rules never see scheduled events).
        if (@event.IsScheduled)
        {
            if (!hasRuntime || @event.Resources is not [var arn] || RuleNameOf(arn) is not { } scheduled || BusOf(@event) != EventBuses.Default) yield break;
            foreach (var rule in runtimeRules.Get(db, EventBuses.Default).Where(r => r.Name == scheduled))
                foreach (var subscriber in Targets(EventBuses.Default, rule, node)) yield return subscriber;
            yield break;
        }

        // A replayed event goes to the replay's rules only (every rule of the bus when it names none).
        var only = @event.ReplayName is { } replay ? ReplayRules(replay) : null;
        var declared = registry.Rules.Where(d => only is null || only.Contains(d.Rule.Name))
            .Select(d => (Declaration: d, Matched: d.Rule.TryTransform(node, out var input), Input: input))
            .Where(m => m.Matched).ToList();
        if (declared.Count == 0 && !hasRuntime) yield break;

        // The envelope is EventBridge's and names no bus; the stored row does.
        var bus = BusOf(@event);
        if (bus == EventBuses.Default)
        {
            foreach (var (declaration, _, input) in declared)
            {
                var name = "Rule:" + declaration.Rule.Name;
                yield return new EventSubscriber(name, (services, evt, ct) => RunAsync(services, declaration.Rule.Name, name, evt,
                    c => services.GetServices<IRuleTarget>().First(t => t.Name == declaration.Target)
                        .InvokeAsync(new RuleInvocation(declaration.Rule.Name, input, evt), c), ct));
            }
        }
        if (!hasRuntime) yield break;
        foreach (var rule in runtimeRules.Get(db, bus))
        {
            if (rule.Pattern?.Matches(node) != true || (only is not null && !only.Contains(rule.Name))) continue;
            foreach (var subscriber in Targets(bus, rule, node)) yield return subscriber;
        }
    }

    private IEnumerable<EventSubscriber> Targets(string bus, RuntimeRule rule, System.Text.Json.Nodes.JsonNode node)
    {
        foreach (var target in rule.Targets)
        {
            var input = (target.Input ?? TargetInput.WholeEvent).Apply(node, rule.Name);
            var name = $"Rule:{bus}/{rule.Name}/{target.Id}";
            yield return new EventSubscriber(name, (services, evt, ct) => RunAsync(services, rule.Name, name, evt,
                c => services.GetRequiredService<RuleTargetInvoker>().InvokeAsync(target.Arn, new RuleInvocation(rule.Name, input, evt), c), ct))
            { Policy = target.Policy };
        }
    }

    private string BusOf(EventEnvelope @event) =>
        db.Events.AsNoTracking().Where(e => e.EventId == @event.Id).Select(e => e.Bus).FirstOrDefault() ?? EventBuses.Default;

    /// <summary>The rule names a replay is limited to (its FilterArns), or null for every rule of its bus.</summary>
    private HashSet<string>? ReplayRules(string replay)
    {
        var filter = db.Replays.AsNoTracking().Where(r => r.Name == replay).Select(r => r.FilterArns).FirstOrDefault();
        if (filter is null) return null;
        var arns = System.Text.Json.JsonSerializer.Deserialize<string[]>(filter) ?? [];
        return arns.Select(RuleNameOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The rule name of <c>arn:aws:events:...:rule/[bus/]name</c>.</summary>
    internal static string? RuleNameOf(string arn)
    {
        var marker = arn.IndexOf(":rule/", StringComparison.Ordinal);
        return marker < 0 ? null : arn[(marker + ":rule/".Length)..].Split('/')[^1];
    }

    private async ValueTask RunAsync(IServiceProvider services, string rule, string handler, EventEnvelope evt,
        Func<CancellationToken, Task> effect, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<HandleOnce>().RunAsync(evt, handler, effect, cancellationToken);
        }
        catch (DomainException e)
        {
            // The event cannot be what the target needs: retrying cannot help (the target refused it, as EventBridge's would).
            logger.LogWarning("Rule {Rule} refused event {EventId} ({DetailType}): {Problem}", rule, evt.Id, evt.DetailType, e.Message);
        }
    }
}
