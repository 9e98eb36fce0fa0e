using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Kernel.Patterns;

/// <summary>An EventBridge rule: a name, an event pattern and what its target receives (the whole event by default).</summary>
public sealed record EventRule(string Name, EventPattern Pattern, TargetInput? Input = null)
{
    /// <exception cref="InvalidEventPatternException">The pattern is not valid.</exception>
    public static EventRule Create(string name, string pattern, TargetInput? input = null) =>
        new(name, EventPattern.Parse(pattern), input);

    public bool Matches(JsonNode evt) => Pattern.Matches(evt);

    /// <summary>If the event matches, the target's input for it (null stands for JSON null).</summary>
    public bool TryTransform(JsonNode evt, out JsonNode? targetInput)
    {
        targetInput = null;
        if (!Pattern.Matches(evt)) return false;
        targetInput = (Input ?? TargetInput.WholeEvent).Apply(evt, Name);
        return true;
    }

    public bool TryTransform(EventEnvelope evt, out JsonNode? targetInput) =>
        TryTransform(EventPattern.ToNode(evt), out targetInput);
}
