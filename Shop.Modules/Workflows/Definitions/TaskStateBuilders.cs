using System.Text.Json.Nodes;

// The states that produce a result of their own: Task, wait-for-callback Task and Pass.
namespace Shop.Modules.Workflows;

public sealed class TaskStateBuilder : FallibleStateBuilder<TaskStateBuilder>
{
    internal TaskStateBuilder(StateDefinition state)
        : base(state) { }
}

public sealed class CallbackStateBuilder : FallibleStateBuilder<CallbackStateBuilder>
{
    internal CallbackStateBuilder(StateDefinition state)
        : base(state) { }

    /// <summary>The worker must call SendTaskHeartbeat at least this often, or the state fails with States.Timeout.</summary>
    public CallbackStateBuilder HeartbeatSeconds(int seconds)
    {
        State.HeartbeatSeconds = seconds > 0 ? seconds : throw new ArgumentOutOfRangeException(nameof(seconds));
        return this;
    }

    /// <summary>The whole wait; past it the state fails with States.Timeout.</summary>
    public CallbackStateBuilder TimeoutSeconds(int seconds)
    {
        State.TimeoutSeconds = seconds > 0 ? seconds : throw new ArgumentOutOfRangeException(nameof(seconds));
        return this;
    }
}

public sealed class PassStateBuilder : ResultStateBuilder<PassStateBuilder>
{
    internal PassStateBuilder(StateDefinition state)
        : base(state) { }

    /// <summary>A fixed result (placed at ResultPath); without one the input passes through.</summary>
    public PassStateBuilder Result(JsonNode? result)
    {
        State.Result = result?.DeepClone();
        return this;
    }
}
