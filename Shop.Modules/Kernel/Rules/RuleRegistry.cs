using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Rules;

/// <summary>Every declared rule, in declaration order; two rules with one name are refused.</summary>
internal sealed class RuleRegistry
{
    public RuleRegistry(IEnumerable<RuleDeclaration> declarations)
    {
        Rules = declarations.ToArray();
        var twice = Rules.GroupBy(r => r.Rule.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidOperationException($"Rule '{twice.Key}' is declared twice ({string.Join(", ", twice.Select(r => r.Origin))}).");
    }

    public IReadOnlyList<RuleDeclaration> Rules { get; }
}

/// <summary>Fails the host at start when a rule is invalid or names a target nobody registered.</summary>
internal sealed class RuleStartupCheck(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<RuleRegistry>();
        var targets = scope.ServiceProvider.GetServices<IRuleTarget>().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in registry.Rules.Where(r => !targets.Contains(r.Target)))
            throw new InvalidOperationException($"Rule '{rule.Rule.Name}' ({rule.Origin}) names target '{rule.Target}', which does not exist; "
                + $"known targets: {(targets.Count == 0 ? "none" : string.Join(", ", targets.Order()))}.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The rules as subscribers of the bus: each rule an event matches is one delivery ("Rule:" + its name), counted,
/// retried and set aside like any other. The target runs in <see cref="HandleOnce"/> keyed by the rule's name: its
/// effect and the "handled" mark commit together, so a redelivery changes nothing.
/// </summary>
internal sealed class RuleSubscribers(RuleRegistry registry, ILogger<RuleSubscribers> logger) : IEventSubscribers
{
    public IEnumerable<EventSubscriber> Match(EventEnvelope @event)
    {
        if (registry.Rules.Count == 0) yield break;
        var node = Patterns.EventPattern.ToNode(@event);
        foreach (var declaration in registry.Rules)
        {
            if (!declaration.Rule.TryTransform(node, out var input)) continue;
            yield return new EventSubscriber("Rule:" + declaration.Rule.Name, (services, evt, ct) => InvokeAsync(services, declaration, input, evt, ct));
        }
    }

    private async ValueTask InvokeAsync(IServiceProvider services, RuleDeclaration declaration, System.Text.Json.Nodes.JsonNode? input, EventEnvelope evt, CancellationToken cancellationToken)
    {
        var target = services.GetServices<IRuleTarget>().First(t => t.Name == declaration.Target);
        try
        {
            await services.GetRequiredService<HandleOnce>().RunAsync(evt, "Rule:" + declaration.Rule.Name,
                ct => target.InvokeAsync(new RuleInvocation(declaration.Rule.Name, input, evt), ct), cancellationToken);
        }
        catch (DomainException e)
        {
            // The event cannot be what the target needs: retrying cannot help (the target refused it, as EventBridge's would).
            logger.LogWarning("Rule {Rule} refused event {EventId} ({DetailType}): {Problem}", declaration.Rule.Name, evt.Id, evt.DetailType, e.Message);
        }
    }
}
