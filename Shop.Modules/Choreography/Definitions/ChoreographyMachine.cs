using System.Text.Json.Nodes;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Definitions;

/// <summary>Where a run is: its state, the events an all-of state still waits for, and whether it has ended.</summary>
internal sealed record Position(string State, IReadOnlyList<string> Remaining, bool Ended);

/// <param name="TokenKey">Which stored task token the event resumes: its name, or "Default".</param>
internal sealed record StepOutcome(bool Allowed, Position Next, string TokenKey, string? Reason);

/// <summary>
/// A choreography's definition run in memory, one event at a time: what the live monitor uses to decide, in event
/// order, whether an event is allowed (before it resumes the engine), and what replay runs over stored events.
/// </summary>
internal static class ChoreographyMachine
{
    public static Position Start(ChoreographyDefinition definition) => Enter(definition, definition.StartState);

    public static Position Enter(ChoreographyDefinition definition, string state) => definition[state].Kind switch
    {
        ChoreographyStateKind.End => new Position(state, [], true),
        ChoreographyStateKind.AllOf => new Position(state, definition[state].Events, false),
        _ => new Position(state, [], false),
    };

    public static StepOutcome Step(ChoreographyDefinition definition, Position position, JsonNode evt)
    {
        var detailType = (string?)evt["detail-type"] ?? "";
        if (position.Ended)
            return Unexpected(position, $"'{detailType}' arrived after the run ended in '{position.State}'.");
        var state = definition[position.State];
        if (state.Kind == ChoreographyStateKind.AllOf)
        {
            if (!position.Remaining.Contains(detailType))
                return Unexpected(position, $"'{detailType}' is not allowed in '{state.Name}', which waits for {Quote(position.Remaining)}.");
            var remaining = position.Remaining.Where(e => e != detailType).ToArray();
            var next = remaining.Length == 0 ? Enter(definition, state.Next!) : position with { Remaining = remaining };
            return new StepOutcome(true, next, detailType, null);
        }

        var transition = state.Transitions.FirstOrDefault(t => t.Accepts(detailType, evt));
        return transition is null
            ? Unexpected(position, $"'{detailType}' is not allowed in '{state.Name}', which waits for {Quote(state.Transitions.Select(t => t.Label))}.")
            : new StepOutcome(true, Enter(definition, transition.Target), transition.EventName ?? ChoreographyTransition.Default, null);
    }

    private static StepOutcome Unexpected(Position position, string reason) => new(false, position, "", reason);

    private static string Quote(IEnumerable<string> names) => string.Join(" or ", names.Select(n => $"'{n}'"));
}
