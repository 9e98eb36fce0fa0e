using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Json;
using Shop.Modules.Kernel.Patterns;

// What a built choreography is and how it finds an event's entity id; its states and its builder have files of their own.
namespace Shop.Modules.Choreography.Contracts;

/// <summary>
/// A choreography described as a state machine (seed 001): an event matching <see cref="StartPattern"/> starts a
/// run named by the entity id found at <see cref="EntityIdPath"/>; events matching one of <see cref="EventPatterns"/>
/// are correlated to that run by the same id and move it through <see cref="States"/>. Declare one with
/// <see cref="Choreographies.Define"/>; register it with <c>ChoreographyModule.AddChoreography</c>.
/// </summary>
public sealed class ChoreographyDefinition
{
    private readonly JsonPath _entityId;

    internal ChoreographyDefinition(string name, string? comment, EventPattern startPattern, IReadOnlyList<EventPattern> eventPatterns,
        string entityIdPath, IReadOnlyList<ChoreographyState> states)
    {
        Name = name;
        Comment = comment;
        StartPattern = startPattern;
        EventPatterns = eventPatterns;
        EntityIdPath = entityIdPath;
        // The builder has refused everything but dotted names, so read as "$." + the path it is the same dotted walk.
        _entityId = new JsonPath("$." + entityIdPath);
        States = states;
        ByName = states.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The engine workflow that mirrors it: <c>Choreography.{Name}</c>.</summary>
    public string Workflow => "Choreography." + Name;

    public string? Comment { get; }

    public EventPattern StartPattern { get; }

    public IReadOnlyList<EventPattern> EventPatterns { get; }

    /// <summary>Dotted path into the event, <c>detail.id</c> by default.</summary>
    public string EntityIdPath { get; }

    /// <summary>In declaration order; the first is where a run starts.</summary>
    public IReadOnlyList<ChoreographyState> States { get; }

    public string StartState => States[0].Name;

    internal IReadOnlyDictionary<string, ChoreographyState> ByName { get; }

    public ChoreographyState this[string state] => ByName[state];

    /// <summary>The entity id of an event (a full envelope), or null when the path holds no string or number.</summary>
    public string? EntityIdOf(JsonNode? evt)
    {
        if (!_entityId.TrySelect(evt, out var node)) return null;
        return node is JsonValue value
            ? value.TryGetValue<string>(out var text) ? text : value.TryGetValue<long>(out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null
            : null;
    }
}
