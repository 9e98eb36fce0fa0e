using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.Kernel.Rules;

internal sealed record RuntimeTarget(string Id, string Arn, TargetInput? Input, DeliveryPolicy? Policy = null);

/// <param name="Pattern">Null for a rule that only runs on its schedule.</param>
internal sealed record RuntimeRule(string Name, EventPattern? Pattern, IReadOnlyList<RuntimeTarget> Targets);

/// <summary>
/// The enabled run-time rules by bus, compiled once and reloaded after a rule change commits, so the dispatcher
/// does not parse patterns per event. A load that raced with a change is not kept (the generation moved on).
/// </summary>
internal sealed class RuntimeRuleCache
{
    private readonly Lock _gate = new();
    private long _generation;
    private IReadOnlyDictionary<string, RuntimeRule[]>? _rules;

    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _rules = null;
        }
    }

    /// <summary>Whether any bus has an enabled run-time rule (most events then cost no lookup of their bus).</summary>
    public bool Any(EventsDbContext db) => Load(db).Count > 0;

    public IReadOnlyList<RuntimeRule> Get(EventsDbContext db, string bus) => Load(db).TryGetValue(bus, out var list) ? list : [];

    // Synchronous: subscribers are matched synchronously by the dispatcher, and a reload happens once per rule change.
    private IReadOnlyDictionary<string, RuntimeRule[]> Load(EventsDbContext db)
    {
        IReadOnlyDictionary<string, RuntimeRule[]>? rules;
        long generation;
        lock (_gate)
        {
            rules = _rules;
            generation = _generation;
        }
        if (rules is not null) return rules;
        var rows = db.Rules.AsNoTracking().Where(r => r.Enabled).ToList();
        var targets = db.Targets.AsNoTracking().ToList().OrderBy(t => t.Position).ToLookup(t => (t.Bus, t.Rule));
        rules = rows.GroupBy(r => r.Bus, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new RuntimeRule(r.Name, r.Pattern.Length == 0 ? null : EventPattern.Parse(r.Pattern), targets[(r.Bus, r.Name)]
                .Select(t => new RuntimeTarget(t.Id, t.Arn, t.InputJson is null ? null : TargetInput.FromTarget(JsonNode.Parse(t.InputJson)!.AsObject()),
                    PolicyOf(t)))
                .ToArray()))
            .ToArray(), StringComparer.Ordinal);
        lock (_gate)
        {
            if (_generation == generation) _rules = rules;
        }
        return rules;
    }

    /// <summary>A target's RetryPolicy and DeadLetterConfig for the dispatcher; null when it has neither.</summary>
    private static DeliveryPolicy? PolicyOf(Data.RuleTargetRow t) =>
        t.MaxRetryAttempts is null && t.MaxEventAgeSeconds is null && t.DeadLetterArn is null ? null
            : new DeliveryPolicy(t.MaxRetryAttempts + 1, t.MaxEventAgeSeconds is { } age ? TimeSpan.FromSeconds(age) : null,
                t.DeadLetterArn is { } arn ? DeadLetterList.NameOf(arn) : null);
}

/// <summary>A DeadLetterConfig's SQS ARN names a dead-letter list of the shop by its queue name.</summary>
public static class DeadLetterList
{
    /// <summary>The queue name of <c>arn:aws:sqs:region:account:name</c>; null when it is not an SQS queue ARN.</summary>
    public static string? NameOf(string arn) =>
        arn.Split(':') is ["arn", _, "sqs", _, _, var name] && IsName(name) ? name : null;

    /// <summary>What <see cref="NameOf"/> can give: 1 to 80 characters, no ':'.</summary>
    public static bool IsName(string name) => name.Length is >= 1 and <= 80 && !name.Contains(':', StringComparison.Ordinal);
}

/// <summary>
/// Invokes a run-time target by its ARN: an event bus ARN forwards the event to that bus, an ARN an
/// <see cref="IRuleArnTarget"/> accepts (a state machine) goes to it, and the name of an <see cref="IRuleTarget"/> to that.
/// </summary>
internal sealed class RuleTargetInvoker(IEnumerable<IRuleTarget> named, IEnumerable<IRuleArnTarget> arnTargets, IEventPublisher publisher,
    DeclaredBuses declaredBuses, EventsDbContext db)
{
    /// <returns>Why the shop cannot invoke this target from a rule on <paramref name="bus"/>, or null when it can.</returns>
    public string? Refuses(string arn, string bus)
    {
        if (string.IsNullOrWhiteSpace(arn) || arn.Length > 1600) return "A target's Arn must be 1 to 1600 characters.";
        if (IsBusArn(arn))
            return EventBuses.NameOf(arn) == bus ? $"A rule on event bus {bus} cannot forward to the same bus." : null;
        if (arnTargets.Any(t => t.Accepts(arn)) || named.Any(t => t.Name == arn)) return null;
        var names = named.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        return $"The shop cannot invoke target {arn}: use a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>), "
            + "an event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>)"
            + (names.Count == 0 ? "." : $" or one of the shop's targets ({string.Join(", ", names)}).");
    }

    /// <summary>Runs inside the unit of work that records the rule's target as having handled the event.</summary>
    public async Task InvokeAsync(string arn, RuleInvocation invocation, CancellationToken cancellationToken)
    {
        if (IsBusArn(arn))
        {
            var bus = EventBuses.NameOf(arn);
            if (!declaredBuses.Contains(bus) && !await db.Buses.AnyAsync(b => b.Name == bus, cancellationToken))
                throw new NotFoundException("Event bus", bus);
            // EventBridge forwards the event itself (a bus target takes no input transformation).
            var e = invocation.Event;
            await publisher.PublishAsync(e.Source, e.DetailType, e.Detail.Copy(), resources: e.Resources, time: e.Time, eventBus: bus,
                cancellationToken: cancellationToken);
            return;
        }
        if (arnTargets.FirstOrDefault(t => t.Accepts(arn)) is { } arnTarget)
        {
            await arnTarget.InvokeAsync(arn, invocation, cancellationToken);
            return;
        }
        var target = named.FirstOrDefault(t => t.Name == arn) ?? throw new InvalidInputException("Arn", $"Target {arn} is not known to the shop.");
        await target.InvokeAsync(invocation, cancellationToken);
    }

    private static bool IsBusArn(string arn) => arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":events:", StringComparison.Ordinal)
        && arn.Contains(":event-bus/", StringComparison.Ordinal);
}
