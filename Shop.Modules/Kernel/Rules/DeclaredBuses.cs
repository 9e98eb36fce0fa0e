using Microsoft.Extensions.Configuration;

// The buses the settings declare, read once at start; EventRules refuses to delete them.
namespace Shop.Modules.Kernel.Rules;

/// <summary><c>default</c> and the buses of the <c>EventBuses</c> settings (names only, e.g. the seeds' <c>sw-event-bus</c>).</summary>
internal sealed class DeclaredBuses
{
    public DeclaredBuses(IConfiguration configuration)
    {
        var names = configuration.GetSection(EventBuses.Section).GetChildren().Select(c => c.Value?.Trim()).OfType<string>();
        foreach (var name in names.Where(n => n.Length > 0))
        {
            // Looser than CreateEventBus: seed 000's file names "AppEventBus-<stack-name>" literally.
            if (name.Length > 256 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new InvalidOperationException($"{EventBuses.Section}: '{name}' is not a bus name (1 to 256 characters, no spaces).");
            Names.Add(name);
        }
    }

    public SortedSet<string> Names { get; } = new(StringComparer.Ordinal) { EventBuses.Default };

    public bool Contains(string name) => Names.Contains(name);
}
