using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;

// The states and transitions of a choreography: what the engine workflow and the graphs are made from.
namespace Shop.Modules.Choreography.Contracts;

public enum ChoreographyStateKind
{
    /// <summary>Waits for one event among its transitions.</summary>
    Wait,

    /// <summary>Waits for every one of its events, in any order, then goes to <see cref="ChoreographyState.Next"/>.</summary>
    AllOf,

    /// <summary>The run is over (succeeded).</summary>
    End,
}

public sealed class ChoreographyState
{
    internal ChoreographyState(string name, ChoreographyStateKind kind, IReadOnlyList<ChoreographyTransition> transitions, IReadOnlyList<string> events, string? next)
    {
        Name = name;
        Kind = kind;
        Transitions = transitions;
        Events = events;
        Next = next;
    }

    public string Name { get; }

    public ChoreographyStateKind Kind { get; }

    /// <summary>Of a Wait state, tried in order.</summary>
    public IReadOnlyList<ChoreographyTransition> Transitions { get; }

    /// <summary>Of an AllOf state.</summary>
    public IReadOnlyList<string> Events { get; }

    /// <summary>Of an AllOf state.</summary>
    public string? Next { get; }

    /// <summary>The event names this state waits for (a Wait transition without a name accepts any event: "Default").</summary>
    public IEnumerable<string> ExpectedKeys => Kind == ChoreographyStateKind.AllOf
        ? Events
        : Transitions.Select(t => t.EventName ?? ChoreographyTransition.Default).Distinct(StringComparer.Ordinal);
}

/// <param name="EventName">The detail-type that moves the run; null accepts any correlated event (token key "Default").</param>
/// <param name="When">An extra event pattern the event must match, e.g. <c>{"detail":{"result":["Rejected"]}}</c>.</param>
/// <param name="Label">How the edge is named in graphs (unique within its state).</param>
public sealed record ChoreographyTransition(string? EventName, EventPattern? When, string Target, string Label)
{
    public const string Default = "Default";

    public bool Accepts(string detailType, JsonNode evt) =>
        (EventName is null || EventName == detailType) && (When is null || When.Matches(evt));
}
