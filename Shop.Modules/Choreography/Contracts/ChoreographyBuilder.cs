using Shop.Modules.Kernel.Patterns;

// Declaring a choreography (Choreographies.Define) and the checks that refuse a broken one before it runs.
namespace Shop.Modules.Choreography.Contracts;

/// <summary>
/// <code>
/// Choreographies.Define("MarketplaceOrder")
///     .StartWhen("""{"source":["order"],"detail-type":["Order Placed"]}""")
///     .Correlate("""{"source":["order"],"detail-type":[{"anything-but":"Order Placed"}]}""")
///     .Wait("WaitForConfirmation", s => s.On("Order Confirmed", "WaitForServiceProviderAccept"))
///     ...
///     .End("OrderCompleted")
///     .Build();
/// </code>
/// </summary>
public static class Choreographies
{
    public static ChoreographyBuilder Define(string name) => new(name);
}

public sealed class ChoreographyBuilder
{
    private readonly string _name;
    private readonly List<EventPattern> _events = [];
    private readonly List<ChoreographyState> _states = [];
    private EventPattern? _start;
    private string _entityIdPath = "detail.id";
    private string? _comment;

    internal ChoreographyBuilder(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException("A choreography name is letters, digits, '-' and '_'.", nameof(name));
        _name = name;
    }

    public ChoreographyBuilder Comment(string comment)
    {
        _comment = comment;
        return this;
    }

    /// <summary>The event pattern that starts a run.</summary>
    public ChoreographyBuilder StartWhen(string pattern)
    {
        _start = Parse(pattern, "start pattern");
        return this;
    }

    /// <summary>A pattern of the events that move runs on (may be given several times).</summary>
    public ChoreographyBuilder Correlate(string pattern)
    {
        _events.Add(Parse(pattern, "event pattern"));
        return this;
    }

    /// <summary>
    /// Where the entity id is in an event: dotted, <c>detail.id</c> by default. A leading <c>$.</c> is allowed, and so
    /// is the seed's own spelling <c>$$.Execution.Input.detail.id</c>: a run's execution input is its start event.
    /// Anything else JSONPath can say (wildcards, indexes, other context objects) is refused here, never left to match nothing.
    /// </summary>
    public ChoreographyBuilder EntityIdPath(string path)
    {
        const string executionInput = "$$.Execution.Input.";
        var trimmed = path.StartsWith(executionInput, StringComparison.Ordinal) ? path[executionInput.Length..]
            : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        if (trimmed.Length == 0 || trimmed.Split('.').Any(p => p.Length == 0 || p.IndexOfAny(['$', '[', ']', '*', '@', ' ']) >= 0))
            throw Invalid($"entity id path '{path}' is not a dotted path like detail.id (or $$.Execution.Input.detail.id).");
        _entityIdPath = trimmed;
        return this;
    }

    public ChoreographyBuilder Wait(string name, Action<WaitStateBuilder> transitions)
    {
        var builder = new WaitStateBuilder(this, name);
        transitions(builder);
        if (builder.Transitions.Count == 0) throw Invalid($"wait state '{name}' has no transitions.");
        return Add(new ChoreographyState(name, ChoreographyStateKind.Wait, builder.Transitions, [], null));
    }

    /// <summary>Waits for all of <paramref name="events"/>, in any order, then goes to <paramref name="next"/>.</summary>
    public ChoreographyBuilder AllOf(string name, IReadOnlyList<string> events, string next)
    {
        if (events.Count == 0 || events.Distinct(StringComparer.Ordinal).Count() != events.Count || events.Any(string.IsNullOrWhiteSpace))
            throw Invalid($"all-of state '{name}' needs distinct event names.");
        return Add(new ChoreographyState(name, ChoreographyStateKind.AllOf, [], events.ToArray(), next));
    }

    public ChoreographyBuilder End(string name) => Add(new ChoreographyState(name, ChoreographyStateKind.End, [], [], null));

    public ChoreographyDefinition Build()
    {
        if (_start is null) throw Invalid("it needs a start pattern (StartWhen).");
        if (_events.Count == 0) throw Invalid("it needs at least one event pattern (Correlate).");
        if (_states.Count == 0 || _states[0].Kind == ChoreographyStateKind.End) throw Invalid("it needs a first state that waits.");
        var names = _states.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var state in _states)
        {
            var targets = state.Transitions.Select(t => t.Target).Append(state.Next).OfType<string>();
            foreach (var target in targets.Where(t => !names.Contains(t)))
                throw Invalid($"state '{state.Name}' goes to unknown state '{target}'.");
        }
        return new ChoreographyDefinition(_name, _comment, _start, _events.ToArray(), _entityIdPath, _states.ToArray());
    }

    internal InvalidOperationException Invalid(string problem) => new($"Choreography '{_name}': {problem}");

    internal EventPattern Parse(string pattern, string what)
    {
        try
        {
            return EventPattern.Parse(pattern);
        }
        catch (InvalidEventPatternException e)
        {
            throw Invalid($"invalid {what}: {e.Message}");
        }
    }

    private ChoreographyBuilder Add(ChoreographyState state)
    {
        if (string.IsNullOrWhiteSpace(state.Name) || state.Name.EndsWith("Choice", StringComparison.Ordinal)) throw Invalid($"state name '{state.Name}' must not be empty or end with 'Choice' (reserved for the workflow's choice states).");
        if (_states.Any(s => s.Name == state.Name)) throw Invalid($"state '{state.Name}' is declared twice.");
        _states.Add(state);
        return this;
    }
}

public sealed class WaitStateBuilder
{
    private readonly ChoreographyBuilder _owner;
    private readonly string _state;

    internal WaitStateBuilder(ChoreographyBuilder owner, string state)
    {
        _owner = owner;
        _state = state;
    }

    internal List<ChoreographyTransition> Transitions { get; } = [];

    /// <summary>On event <paramref name="eventName"/> (matching <paramref name="when"/>, if given) go to <paramref name="target"/>.</summary>
    public WaitStateBuilder On(string eventName, string target, string? when = null, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(eventName)) throw _owner.Invalid($"a transition of '{_state}' needs an event name (OnAny accepts any event).");
        return Add(new ChoreographyTransition(eventName, when is null ? null : _owner.Parse(when, $"condition of '{_state}' on '{eventName}'"), target,
            label ?? eventName));
    }

    /// <summary>Any correlated event moves the run to <paramref name="target"/> (the seed's "Default" task token).</summary>
    public WaitStateBuilder OnAny(string target, string? label = null) =>
        Add(new ChoreographyTransition(null, null, target, label ?? "any event"));

    private WaitStateBuilder Add(ChoreographyTransition transition)
    {
        if (Transitions.Any(t => t.Label == transition.Label))
            throw _owner.Invalid($"state '{_state}' has two transitions labelled '{transition.Label}'; give one a label.");
        Transitions.Add(transition);
        return this;
    }
}
