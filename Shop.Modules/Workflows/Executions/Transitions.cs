using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// How an execution moves: create, enter a state, exit it (Stateless checks the edge), fail it (Retry, Catch, or
/// the execution fails), complete the execution. Only in-memory changes and history; <see cref="ExecutionStore"/> writes them.
/// </summary>
internal sealed partial class Transitions(
    ExecutionStore store,
    WorkflowDefinitions definitions,
    IOptionsMonitor<WorkflowSettings> settings,
    IRandomSource random,
    ExecutionStatusEvents statusEvents)
{
    public ExecutionRow Create(WorkflowDefinition definition, int revision, string name, JsonNode input, string? parent = null, string? round = null, int? index = null)
    {
        var execution = NewRow(definition, revision, name, input, parent, round, index);
        store.Add(execution);
        Begin(execution, definition, input);
        return execution;
    }

    /// <summary>A child that starts later (a Map iteration beyond MaxConcurrency): no history, not ready.</summary>
    private ExecutionRow CreatePending(WorkflowDefinition definition, int revision, string name, JsonNode input, string parent, string round, int index)
    {
        var execution = NewRow(definition, revision, name, input, parent, round, index);
        execution.Waiting = Waits.Pending;
        execution.StateInput = DataFlow.Text(input);
        store.Add(execution);
        return execution;
    }

    private void Begin(ExecutionRow execution, WorkflowDefinition definition, JsonNode input)
    {
        execution.Waiting = null;
        execution.StartedAt = store.Now();
        store.AddHistory(execution, "ExecutionStarted", null, new JsonObject { ["input"] = JsonPath.Clone(input), ["workflow"] = definition.Name, ["name"] = execution.Name });
        if (definition.TimeoutSeconds is { } timeout)
            store.AddDeadline(execution, DeadlineKind.ExecutionTimeout, definition.StartAt, null, store.UtcNow + Scale(timeout));
        Enter(execution, definition, definition.StartAt, input);
    }

    private ExecutionRow NewRow(WorkflowDefinition definition, int revision, string name, JsonNode input, string? parent, string? round, int? index) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Workflow = definition.Name,
        Revision = revision,
        Name = name,
        Status = ExecutionStatus.Running,
        CurrentState = definition.StartAt,
        StateInput = "{}",
        Input = DataFlow.Text(input),
        StartedAt = store.Now(),
        ParentId = parent,
        ParentRound = round,
        BranchIndex = index,
        // The span current now (the request, the event handler or the parent's step that starts it) is every step's parent.
        TraceParent = Kernel.Telemetry.ShopTelemetry.CurrentTraceParent(),
    };

    /// <summary>
    /// Makes <paramref name="stateName"/> current with <paramref name="input"/> as its raw input. A Wait starts its
    /// timer here; every other state is ready for the worker. A Wait whose end cannot be read fails the state.
    /// </summary>
    public void Enter(ExecutionRow execution, WorkflowDefinition definition, string stateName, JsonNode input)
    {
        var state = definition[stateName];
        execution.CurrentState = stateName;
        execution.StateInput = DataFlow.Text(input);
        execution.EnteredAt = store.Now();
        execution.Attempt = 0;
        execution.Waiting = null;
        store.AddHistory(execution, EventPrefix(state.Kind) + "StateEntered", stateName, new JsonObject { ["name"] = stateName, ["input"] = JsonPath.Clone(input) });
        if (state.Kind == StateKind.Wait && state.WaitUntilFrom is null)
        {
            execution.Waiting = Waits.Timer;
            store.AddDeadline(execution, DeadlineKind.Wait, stateName, null, WaitUntil(state, input));
        }
        else
        {
            // A Wait with a computed end (ASL) reads it on its first run, where a failure can be handled.
            store.Ready(execution);
        }
    }

    /// <summary>Starts the timer of a ready Wait: one whose end is computed from its effective input (ASL), or one made ready by a crash.</summary>
    public void StartWait(ExecutionRow execution, StateDefinition state, JsonNode raw, JsonNode effective, StateContext context)
    {
        var now = store.UtcNow;
        var due = state.WaitUntilFrom is { } until ? now + Scale(Math.Max(0, (until(effective, context, now) - now).TotalSeconds)) : WaitUntil(state, raw);
        execution.Waiting = Waits.Timer;
        store.AddDeadline(execution, DeadlineKind.Wait, state.Name, null, due);
    }

    public async Task ExitAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode output, string? trigger, CancellationToken ct)
    {
        // A Catch's output is its state's input plus the error: checking it could only fail the same Catch again.
        if (!IsCatch(state, trigger) && DataFlow.TooLarge(output) is { } limit)
        {
            await FailStateAsync(execution, definition, state, StatesErrors.DataLimitExceeded, limit, ct);
            return;
        }
        store.AddHistory(execution, EventPrefix(state.Kind) + "StateExited", state.Name, new JsonObject { ["name"] = state.Name, ["output"] = JsonPath.Clone(output) });
        if (trigger is null && state.End)
        {
            await CompleteAsync(execution, ExecutionStatus.Succeeded, output, null, null, ct);
            return;
        }
        // Stateless decides where the trigger leads (and refuses one the definition does not allow).
        var current = execution.CurrentState;
        definition.CreateMachine(() => current, s => current = s).Fire(trigger ?? state.NextTrigger);
        Enter(execution, definition, current, output);
    }

    /// <summary>The state failed: retry it if a Retry matches and has attempts left, else go where a Catch says, else the execution fails.</summary>
    /// <param name="missedHeartbeat">The error is a missed heartbeat: a rule naming States.HeartbeatTimeout matches it whatever its name.</param>
    public async Task FailStateAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, string error, string? cause, CancellationToken ct,
        bool missedHeartbeat = false)
    {
        var retry = state.RetryList.FirstOrDefault(r => StatesErrors.Matches(r.ErrorEquals, error, missedHeartbeat));
        if (retry is not null && execution.Attempt < retry.MaxAttempts)
        {
            execution.Waiting = Waits.Retry;
            store.AddDeadline(execution, DeadlineKind.Retry, state.Name, null, store.UtcNow + Scale(RetryDelay(retry, execution.Attempt)));
            return;
        }
        var handler = state.CatchList.FirstOrDefault(c => StatesErrors.Matches(c.ErrorEquals, error, missedHeartbeat));
        if (handler is not null)
        {
            var output = JsonPath.Merge(JsonPath.ParseData(execution.StateInput), new JsonObject { ["Error"] = error, ["Cause"] = cause }, handler.ResultPath);
            await ExitAsync(execution, definition, state, output, handler.Trigger, ct);
            return;
        }
        execution.FailedState = state.Name;
        // An uncaught States.Timeout of a task ends FAILED, as in Step Functions; TIMED_OUT is the execution's own TimeoutSeconds.
        await CompleteAsync(execution, ExecutionStatus.Failed, null, error, cause, ct);
    }

    /// <summary>min(interval × backoff^attempt, MaxDelaySeconds); FULL jitter: a random time in [0, that].</summary>
    private double RetryDelay(RetryRule retry, int attempt)
    {
        var seconds = retry.IntervalSeconds * Math.Pow(retry.BackoffRate, attempt);
        if (retry.MaxDelaySeconds is { } max) seconds = Math.Min(seconds, max);
        return retry.Jitter == JitterStrategy.Full ? seconds * random.NextDouble() : seconds;
    }

    public async Task CompleteAsync(ExecutionRow execution, string status, JsonNode? output, string? error, string? cause, CancellationToken ct, bool notifyParent = true)
    {
        await AbortChildrenAsync(execution, ct);
        execution.Status = status;
        execution.StoppedAt = store.Now();
        execution.Output = status == ExecutionStatus.Succeeded ? DataFlow.Text(output) : null;
        execution.Error = error;
        execution.Cause = cause;
        execution.Waiting = null;
        var (type, details) = status switch
        {
            ExecutionStatus.Succeeded => ("ExecutionSucceeded", new JsonObject { ["output"] = JsonPath.Clone(output) }),
            ExecutionStatus.Aborted => ("ExecutionAborted", new JsonObject { ["error"] = error, ["cause"] = cause }),
            ExecutionStatus.TimedOut => ("ExecutionTimedOut", new JsonObject { ["error"] = error, ["cause"] = cause }),
            _ => ("ExecutionFailed", new JsonObject { ["error"] = error, ["cause"] = cause }),
        };
        store.AddHistory(execution, type, null, details);
        await store.CloseAsync(execution, ct);
        if (execution.ParentId is null) await statusEvents.PublishAsync(execution, ct);
        if (notifyParent && execution.ParentId is not null) await ChildFinishedAsync(execution, ct);
    }

    /// <summary>The execution cannot go on: its workflow, revision or state is gone. It fails (never retried for ever).</summary>
    public Task PoisonAsync(ExecutionRow execution, string cause, CancellationToken ct)
    {
        execution.FailedState = execution.CurrentState;
        return CompleteAsync(execution, ExecutionStatus.Failed, null, StatesErrors.Runtime, cause, ct);
    }

    /// <summary>The execution's definition and current state, or why they cannot be found.</summary>
    public bool TryResolve(ExecutionRow execution, out WorkflowDefinition definition, out StateDefinition state, out string missing)
    {
        state = null!;
        missing = "";
        if (!definitions.TryGet(execution.Workflow, execution.Revision, out definition))
        {
            missing = $"Workflow '{execution.Workflow}' revision {execution.Revision} no longer exists.";
            return false;
        }
        if (!definition.TryGetState(execution.CurrentState, out state))
        {
            missing = $"State '{execution.CurrentState}' no longer exists in workflow '{execution.Workflow}' revision {execution.Revision}.";
            return false;
        }
        return true;
    }

    /// <summary>What <c>$$</c> reads for the execution's current state; in a child execution the Execution part is the top-level one's.</summary>
    public async Task<StateContext> ContextAsync(ExecutionRow execution, string? taskToken, CancellationToken ct)
    {
        var root = execution;
        while (root.ParentId is not null && await store.ReadAsync(root.ParentId, ct) is { } parent) root = parent;
        return new StateContext(root.Id, root.Name, root.Workflow, WorkflowsDbContext.ParseTime(root.StartedAt), JsonPath.ParseData(root.Input),
            execution.CurrentState, WorkflowsDbContext.ParseTime(execution.EnteredAt ?? execution.StartedAt), execution.Attempt, taskToken,
            EnteredEventId: execution.HistoryCount);
    }

    private DateTimeOffset WaitUntil(StateDefinition state, JsonNode input)
    {
        var now = store.UtcNow;
        double seconds = state.Seconds ?? 0;
        if (state.SecondsPath is { } secondsPath && JsonPath.Get(input, secondsPath) is JsonValue v && v.TryGetValue<double>(out var s))
            seconds = s;
        if (state.TimestampPath is { } timePath && JsonPath.Get(input, timePath) is JsonValue t && t.TryGetValue<DateTimeOffset>(out var at))
            seconds = Math.Max(0, (at - now).TotalSeconds);
        return now + Scale(Math.Max(0, seconds));
    }

    /// <summary>Workflows:TimeScale as it is now (the settings page changes it at run time); a deadline keeps the scale it was set with.</summary>
    public TimeSpan Scale(double seconds) => settings.CurrentValue.Scale(seconds);

    public void AddHistory(ExecutionRow execution, string type, string? state, JsonObject? details) => store.AddHistory(execution, type, state, details);

    private static bool IsCatch(StateDefinition state, string? trigger) => trigger is not null && state.CatchList.Any(c => c.Trigger == trigger);

    public static string EventPrefix(StateKind kind) => kind == StateKind.Callback ? "Task" : kind.ToString();
}
