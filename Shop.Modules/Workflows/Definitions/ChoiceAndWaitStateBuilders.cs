using System.Text.Json.Nodes;

// The states that only decide where or when to go on: Choice and Wait.
namespace Shop.Modules.Workflows;

public sealed class ChoiceStateBuilder
{
    private readonly StateDefinition _state;

    internal ChoiceStateBuilder(StateDefinition state) => _state = state;

    /// <summary>Rules are tried in order; <paramref name="label"/> names the edge in the graph.</summary>
    public ChoiceStateBuilder When(string label, Func<JsonNode, bool> condition, string next)
    {
        _state.ChoiceList.Add(new ChoiceRule(label, condition, next));
        return this;
    }

    /// <summary>Where to go when no rule matches; without it the execution fails with States.NoChoiceMatched.</summary>
    public ChoiceStateBuilder Otherwise(string next)
    {
        _state.Default = next;
        return this;
    }
}

public sealed class WaitStateBuilder : StateBuilder<WaitStateBuilder>
{
    internal WaitStateBuilder(StateDefinition state)
        : base(state) { }

    public WaitStateBuilder Seconds(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        State.Seconds = seconds;
        return this;
    }

    /// <summary>The number of seconds is read from the input, e.g. "$.delaySeconds".</summary>
    public WaitStateBuilder SecondsPath(string path)
    {
        State.SecondsPath = JsonPath.Validate(path);
        return this;
    }

    /// <summary>Wait until an ISO 8601 time read from the input, e.g. "$.pickupAt".</summary>
    public WaitStateBuilder TimestampPath(string path)
    {
        State.TimestampPath = JsonPath.Validate(path);
        return this;
    }
}
