using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
