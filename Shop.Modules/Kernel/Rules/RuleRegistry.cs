using Mediator;
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
/// Evaluates every rule for every event on the bus. A match runs the target in <see cref="HandleOnce"/> keyed
/// by the rule's name: the target's effect and the "handled" mark commit together, so a redelivery changes nothing.
/// </summary>
internal sealed class RuleDispatcher(RuleRegistry registry, IEnumerable<IRuleTarget> targets, HandleOnce handleOnce, ILogger<RuleDispatcher> logger)
    : INotificationHandler<EventReceived>
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        if (registry.Rules.Count == 0) return;
        var evt = notification.Event;
        var node = Patterns.EventPattern.ToNode(evt);
        foreach (var declaration in registry.Rules)
        {
            if (!declaration.Rule.TryTransform(node, out var input)) continue;
            var target = targets.First(t => t.Name == declaration.Target);
            try
            {
                await handleOnce.RunAsync(evt, "Rule:" + declaration.Rule.Name,
                    ct => target.InvokeAsync(new RuleInvocation(declaration.Rule.Name, input, evt), ct), cancellationToken);
            }
            catch (DomainException e)
            {
                // The event cannot be what the target needs: retrying would block the bus forever (EventBridge would dead-letter it).
                logger.LogWarning("Rule {Rule} refused event {EventId} ({DetailType}): {Problem}", declaration.Rule.Name, evt.Id, evt.DetailType, e.Message);
            }
        }
    }
}
