using System.Text.Json.Nodes;

// Where a C# workflow is declared: the list of states and the checks Build makes; what each state accepts is in the *StateBuilder files.
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
