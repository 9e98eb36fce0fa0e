using System.Text.Json;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Choreography.Monitor;

/// <summary>Every registered choreography by name.</summary>
internal sealed class ChoreographyRegistry
{
    public ChoreographyRegistry(IEnumerable<ChoreographyDefinition> definitions)
    {
        All = definitions.GroupBy(d => d.Name, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<ChoreographyDefinition> All { get; }

    public ChoreographyDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>Whether some choreography starts with or follows <paramref name="event"/> (its subscription).</summary>
    public bool Watches(EventEnvelope @event)
    {
        var node = JsonSerializer.SerializeToNode(@event, EventEnvelope.Json)!;
        return All.Any(d => d.StartPattern.Matches(node) || d.EventPatterns.Any(p => p.Matches(node)));
    }

    public ChoreographyDefinition Get(string name) => Find(name) ?? throw new NotFoundException("Choreography", name);
}
