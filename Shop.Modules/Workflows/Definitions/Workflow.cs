using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

/// <summary>
/// Declares a workflow top to bottom, the way Step Functions' ASL reads:
/// <code>
/// Workflow.Define("Orders.Order")
///     .Task("Reserve Item", ReserveAsync, t => t.ResultPath("$.reservation").Catch(["ItemNotAvailable"], "Out Of Stock").Next("Done"))
///     .Fail("Out Of Stock", "ItemNotAvailable")
///     .Succeed("Done")
///     .Build();
/// </code>
/// The first state declared is the start state unless <see cref="WorkflowBuilder.StartAt"/> says otherwise.
/// </summary>
public static class Workflow
{
    public static WorkflowBuilder Define(string name) => new(name);
}

public sealed class WorkflowBuilder
{
    private readonly string _name;
    private readonly List<StateDefinition> _states = [];
    private string? _startAt;
    private int? _timeoutSeconds;
    private string? _comment;

    internal WorkflowBuilder(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A workflow needs a name.", nameof(name));
        _name = name;
    }

    public WorkflowBuilder StartAt(string state)
    {
        _startAt = state;
        return this;
    }

    public WorkflowBuilder Comment(string comment)
    {
        _comment = comment;
        return this;
    }

    /// <summary>The whole execution's deadline (× Workflows:TimeScale); past it the execution ends TIMED_OUT.</summary>
    public WorkflowBuilder TimeoutSeconds(int seconds)
    {
        _timeoutSeconds = seconds > 0 ? seconds : throw new ArgumentOutOfRangeException(nameof(seconds));
        return this;
    }

    /// <summary>A step that does work (usually <c>ctx.Mediator.Send(...)</c>) and returns its result (null: the input passes on).</summary>
    public WorkflowBuilder Task(string name, Func<StepContext, CancellationToken, Task<JsonNode?>> step, Action<TaskStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Task) { Step = step }, s => configure(new TaskStateBuilder(s)));

    /// <summary>A step without a result: its input passes on unchanged.</summary>
    public WorkflowBuilder Task(string name, Func<StepContext, CancellationToken, Task> step, Action<TaskStateBuilder> configure) =>
        Task(name, async (ctx, ct) => { await step(ctx, ct); return null; }, configure);

    /// <summary>
    /// Wait for callback: on entry a task token is issued and <paramref name="onEntry"/> runs with it in
    /// <see cref="StepContext.TaskToken"/> (store it, or emit it in an event, in the same transaction).
    /// The execution then waits for SendTaskSuccess / SendTaskFailure; the output of a success is the state's result.
    /// </summary>
    public WorkflowBuilder WaitForCallback(string name, Func<StepContext, CancellationToken, Task> onEntry, Action<CallbackStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Callback) { Step = async (ctx, ct) => { await onEntry(ctx, ct); return null; } },
            s => configure(new CallbackStateBuilder(s)));

    public WorkflowBuilder Pass(string name, Action<PassStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Pass), s => configure(new PassStateBuilder(s)));

    public WorkflowBuilder Choice(string name, Action<ChoiceStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Choice) { ResultPath = null }, s => configure(new ChoiceStateBuilder(s)));

    public WorkflowBuilder Wait(string name, Action<WaitStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Wait) { ResultPath = null }, s => configure(new WaitStateBuilder(s)));

    /// <summary>Runs every branch (each a small workflow of its own); the result is the array of their outputs, in branch order.</summary>
    public WorkflowBuilder Parallel(string name, Action<ParallelStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Parallel), s => configure(new ParallelStateBuilder(s, $"{_name}/{name}")));

    /// <summary>Runs the iterator once per item of the array at ItemsPath (each a child execution); the result is the array of their outputs, in item order.</summary>
    public WorkflowBuilder Map(string name, Action<MapStateBuilder> configure) =>
        Add(new StateDefinition(name, StateKind.Map), s => configure(new MapStateBuilder(s, $"{_name}/{name}")));

    public WorkflowBuilder Succeed(string name) =>
        Add(new StateDefinition(name, StateKind.Succeed) { ResultPath = null }, _ => { });

    public WorkflowBuilder Fail(string name, string error, string? cause = null) =>
        Add(new StateDefinition(name, StateKind.Fail) { ResultPath = null, Error = error, Cause = cause }, _ => { });

    /// <summary>Checks that every state is reachable by name and ends somewhere, then freezes the definition.</summary>
    public WorkflowDefinition Build()
    {
        if (_states.Count == 0) throw new InvalidOperationException($"Workflow '{_name}' has no states.");
        var names = _states.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var startAt = _startAt ?? _states[0].Name;
        if (!names.Contains(startAt)) throw Invalid($"StartAt '{startAt}' is not a state.");
        foreach (var state in _states)
        {
            var terminal = state.Kind is StateKind.Succeed or StateKind.Fail or StateKind.Choice;
            if (!terminal && state.Next is null && !state.End) throw Invalid($"state '{state.Name}' needs Next(...) or End().");
            if (state.Kind == StateKind.Choice && state.ChoiceList.Count == 0) throw Invalid($"choice '{state.Name}' has no rules.");
            if (state.Kind == StateKind.Parallel && state.BranchList.Count == 0) throw Invalid($"parallel '{state.Name}' has no branches.");
            if (state.Kind == StateKind.Map && state.Iterator is null) throw Invalid($"map '{state.Name}' has no iterator.");
            if (state.Kind == StateKind.Wait && state.Seconds is null && state.SecondsPath is null && state.TimestampPath is null)
                throw Invalid($"wait '{state.Name}' needs Seconds, SecondsPath or TimestampPath.");
            foreach (var (trigger, target) in state.Transitions())
            {
                if (!names.Contains(target)) throw Invalid($"state '{state.Name}' goes to unknown state '{target}'.");
                if (state.Transitions().Count(t => t.Trigger == trigger) > 1) throw Invalid($"state '{state.Name}' has two transitions named '{trigger}'.");
            }
        }
        return new WorkflowDefinition(_name, startAt, _states.ToArray(), _timeoutSeconds, _comment);
    }

    private InvalidOperationException Invalid(string message) => new($"Workflow '{_name}': {message}");

    private WorkflowBuilder Add(StateDefinition state, Action<StateDefinition> configure)
    {
        if (string.IsNullOrWhiteSpace(state.Name)) throw Invalid("a state needs a name.");
        if (_states.Any(s => s.Name == state.Name)) throw Invalid($"state '{state.Name}' is declared twice.");
        configure(state);
        _states.Add(state);
        return this;
    }
}

/// <summary>What every non-terminal state has: where to go next, or End.</summary>
public abstract class StateBuilder<TSelf>
    where TSelf : StateBuilder<TSelf>
{
    private protected StateBuilder(StateDefinition state) => State = state;

    private protected StateDefinition State { get; }

    public TSelf Next(string state)
    {
        State.Next = state;
        return (TSelf)this;
    }

    /// <summary>The execution succeeds with this state's output.</summary>
    public TSelf End()
    {
        State.End = true;
        return (TSelf)this;
    }

    public TSelf Comment(string comment)
    {
        State.Comment = comment;
        return (TSelf)this;
    }

    /// <summary>Step Functions' data flow as functions (what ASL compiles to); see <see cref="StateDataFlow"/>.</summary>
    public TSelf DataFlow(StateDataFlow flow)
    {
        State.Flow = flow;
        return (TSelf)this;
    }
}

/// <summary>States whose result is placed into their input.</summary>
public abstract class ResultStateBuilder<TSelf> : StateBuilder<TSelf>
    where TSelf : ResultStateBuilder<TSelf>
{
    private protected ResultStateBuilder(StateDefinition state)
        : base(state) { }

    /// <summary>"$" (default) replaces the input with the result; "$.a.b" sets it there; null keeps the input and drops the result.</summary>
    public TSelf ResultPath(string? path)
    {
        if (path is not null) JsonPath.Validate(path);
        State.ResultPath = path;
        return (TSelf)this;
    }
}

/// <summary>Retry and Catch, for the states that can fail (Task, wait-for-callback, Parallel).</summary>
public abstract class FallibleStateBuilder<TSelf> : ResultStateBuilder<TSelf>
    where TSelf : FallibleStateBuilder<TSelf>
{
    private protected FallibleStateBuilder(StateDefinition state)
        : base(state) { }

    /// <summary>
    /// Retry on these errors (<c>States.ALL</c> for any): wait intervalSeconds, then × backoffRate each time (at most
    /// maxDelaySeconds), at most maxAttempts retries; <see cref="JitterStrategy.Full"/> waits a random time up to that delay.
    /// </summary>
    public TSelf Retry(IReadOnlyList<string> errorEquals, double intervalSeconds = 1, int maxAttempts = 3, double backoffRate = 2.0,
        double? maxDelaySeconds = null, JitterStrategy jitter = JitterStrategy.None)
    {
        if (errorEquals.Count == 0) throw new ArgumentException("Retry needs at least one error name.", nameof(errorEquals));
        ArgumentOutOfRangeException.ThrowIfNegative(intervalSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffRate, 1.0);
        if (maxDelaySeconds is { } max) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max, nameof(maxDelaySeconds));
        State.RetryList.Add(new RetryRule(errorEquals, intervalSeconds, maxAttempts, backoffRate, maxDelaySeconds, jitter));
        return (TSelf)this;
    }

    /// <summary>On these errors (<c>States.ALL</c> for any) go to <paramref name="next"/> with <c>{Error, Cause}</c> at <paramref name="resultPath"/>.</summary>
    public TSelf Catch(IReadOnlyList<string> errorEquals, string next, string? resultPath = "$")
    {
        if (errorEquals.Count == 0) throw new ArgumentException("Catch needs at least one error name.", nameof(errorEquals));
        if (resultPath is not null) JsonPath.Validate(resultPath);
        State.CatchList.Add(new CatchRule(errorEquals, next, resultPath));
        return (TSelf)this;
    }
}

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

public sealed class ParallelStateBuilder : FallibleStateBuilder<ParallelStateBuilder>
{
    private readonly string _prefix;

    internal ParallelStateBuilder(StateDefinition state, string prefix)
        : base(state) => _prefix = prefix;

    /// <summary>A branch is declared like a workflow; it receives the Parallel state's input.</summary>
    public ParallelStateBuilder Branch(Func<WorkflowBuilder, WorkflowBuilder> branch)
    {
        State.BranchList.Add(branch(new WorkflowBuilder($"{_prefix}/{State.BranchList.Count}")).Build());
        return this;
    }
}

public sealed class MapStateBuilder : FallibleStateBuilder<MapStateBuilder>
{
    private readonly string _prefix;

    internal MapStateBuilder(StateDefinition state, string prefix)
        : base(state) => _prefix = prefix;

    /// <summary>Declared like a workflow; each run receives one item (the whole input's array at ItemsPath, item by item).</summary>
    public MapStateBuilder Iterator(Func<WorkflowBuilder, WorkflowBuilder> iterator)
    {
        State.Iterator = iterator(new WorkflowBuilder($"{_prefix}/iterator")).Build();
        return this;
    }

    /// <summary>Where the items are in the input ("$" by default).</summary>
    public MapStateBuilder ItemsPath(string path)
    {
        State.ItemsPathText = JsonPath.Validate(path);
        return this;
    }

    /// <summary>At most this many iterations at once (0: no limit).</summary>
    public MapStateBuilder MaxConcurrency(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        State.MaxConcurrency = max;
        return this;
    }

    public MapStateBuilder ToleratedFailureCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        State.ToleratedFailureCount = count;
        return this;
    }

    public MapStateBuilder ToleratedFailurePercentage(double percentage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentage, 100);
        State.ToleratedFailurePercentage = percentage;
        return this;
    }
}
