using System.Diagnostics;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// Runs the ready state of an execution, by kind, applying its data flow in Step Functions' order. A Task's (or a
/// callback state's) failure is returned, not recorded: its effects must roll back first. Any other state's
/// failure (a data-flow function throwing, no Choice matching) is handled here, in the same unit of work.
/// </summary>
internal sealed class StateRunner(Transitions transitions, ExecutionStore store, UnitOfWork unitOfWork, IServiceProvider services)
{
    // Bounds a loop of pure states (a Choice that goes back to a Pass) in one unit of work; the worker goes on with the next.
    private const int PureStatesPerStep = 16;

    // Bounds the Tasks chained after a step: each holds the writer's turn while it runs (docs/engine.md).
    private const int TasksPerStep = 8;

    public async Task<StepFailure?> RunAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, CancellationToken ct)
    {
        var raw = JsonPath.ParseData(execution.StateInput);
        if (state.Kind is StateKind.Task or StateKind.Callback) return await RunStepAsync(execution, definition, state, raw, ct);

        var context = await transitions.ContextAsync(execution, null, ct);
        try
        {
            await RunOtherAsync(execution, definition, state, raw, context, ct);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            // Not a step: a data-flow function or a condition that throws something else is the runtime's error.
            var failure = ex is StepFailedException ? StepFailure.From(ex) : new StepFailure(StatesErrors.Runtime, ex.Message);
            await transitions.FailStateAsync(execution, definition, state, failure.Error, failure.Cause, ct);
        }
        return null;
    }

    /// <summary>
    /// Runs the states that follow in the same unit of work while the execution is ready and they are pure (Pass,
    /// Choice, Succeed, Fail): they call nothing outside the engine and never roll back (their failures are recorded
    /// as transitions), so the step's effects stay exactly-once and each saves a unit of work of its own (a turn of
    /// the writer, a load, an UPDATE). A Task that follows needs a savepoint of its own (<see cref="RunFollowingAsync"/>).
    /// Each state still has its own span (ended by the caller after the commit).
    /// </summary>
    public async Task RunPureStatesAsync(ExecutionRow execution, FollowingStateTraces traces, CancellationToken ct)
    {
        while (traces.Count < PureStatesPerStep && ExecutionRunner.IsReady(execution)
            && transitions.TryResolve(execution, out var definition, out var state, out _)
            && state.Kind is StateKind.Pass or StateKind.Choice or StateKind.Succeed or StateKind.Fail)
        {
            var trace = new StepTrace();
            trace.Start(execution);
            traces.Add(trace);
            await RunAsync(execution, definition, state, ct);
        }
    }

    /// <summary>
    /// After a step that left the execution ready: the pure states that follow, and then each Task (or
    /// callback state) that follows, up to <see cref="TasksPerStep"/>, in the same unit of work. A chained Task runs
    /// inside a savepoint nested in the unit of work, after what came before it is written: when it fails, its effects
    /// roll back to that savepoint alone and its failure is recorded here, as <see cref="RecordFailureAsync"/> would in
    /// a unit of work of its own, so no step before it runs twice. Returns the execution as it now is (read again after
    /// a rollback).
    /// </summary>
    public async Task<ExecutionRow> RunFollowingAsync(ExecutionRow execution, FollowingStateTraces traces, CancellationToken ct)
    {
        await RunPureStatesAsync(execution, traces, ct);
        for (var chained = 0; chained < TasksPerStep && ExecutionRunner.IsReady(execution)
            && transitions.TryResolve(execution, out var definition, out var state, out _)
            && state.Kind is StateKind.Task or StateKind.Callback; chained++)
        {
            await store.SaveAsync(ct);
            var trace = new StepTrace();
            trace.Start(execution);
            traces.Add(trace);
            StepFailure? failure = null;
            var running = execution;
            if (await unitOfWork.SavepointAsync(async c => (failure = await RunAsync(running, definition, state, c)) is null, ct))
            {
                await RunPureStatesAsync(execution, traces, ct);
                continue;
            }
            trace.Failed(failure!.Error, failure.Cause);
            store.Forget();
            execution = await store.LoadAsync(execution.Id, ct) ?? throw new InvalidOperationException($"Execution '{execution.Id}' is gone.");
            await RecordFailureAsync(execution, failure, ct);
            break;
        }
        return execution;
    }

    /// <summary>A step's failure, after its effects rolled back: recorded as AWS records it, then Retry or Catch.</summary>
    public async Task RecordFailureAsync(ExecutionRow execution, StepFailure failure, CancellationToken ct)
    {
        if (!transitions.TryResolve(execution, out var definition, out var state, out var missing))
        {
            await transitions.PoisonAsync(execution, missing, ct);
        }
        else if (state.TaskEvents == "Activity")
        {
            // An activity that could not be scheduled (deleted since the machine was created), as AWS records it.
            transitions.AddHistory(execution, "ActivityScheduleFailed", state.Name, new JsonObject { ["error"] = failure.Error, ["cause"] = failure.Cause });
            await transitions.FailStateAsync(execution, definition, state, failure.Error, failure.Cause, ct);
        }
        else
        {
            transitions.AddHistory(execution, "TaskScheduled", state.Name, new JsonObject { ["resource"] = state.Name, ["attempt"] = execution.Attempt });
            transitions.AddHistory(execution, "TaskStarted", state.Name, new JsonObject { ["resource"] = state.Name });
            transitions.AddHistory(execution, "TaskFailed", state.Name, new JsonObject { ["error"] = failure.Error, ["cause"] = failure.Cause });
            await transitions.FailStateAsync(execution, definition, state, failure.Error, failure.Cause, ct, failure.MissedHeartbeat);
        }
    }

    private async Task RunOtherAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode raw, StateContext context, CancellationToken ct)
    {
        switch (state.Kind)
        {
            case StateKind.Pass:
                await transitions.ExitAsync(execution, definition, state, DataFlow.PassOutput(state, raw, context), null, ct);
                break;
            case StateKind.Choice:
                await ChooseAsync(execution, definition, state, DataFlow.Input(state, raw, context), context, ct);
                break;
            case StateKind.Wait:
                transitions.StartWait(execution, state, raw, DataFlow.Input(state, raw, context), context);
                break;
            case StateKind.Parallel:
                transitions.StartBranches(execution, state, DataFlow.Effective(state, raw, context));
                break;
            case StateKind.Map:
                await transitions.StartMapAsync(execution, definition, state, raw, MapInputs(state, raw, context), context, ct);
                break;
            case StateKind.Succeed:
                var output = DataFlow.PassOn(state, DataFlow.Input(state, raw, context), context);
                transitions.AddHistory(execution, "SucceedStateExited", state.Name, new JsonObject { ["name"] = state.Name, ["output"] = JsonPath.Clone(output) });
                await transitions.CompleteAsync(execution, ExecutionStatus.Succeeded, output, null, null, ct);
                break;
            case StateKind.Fail:
                var (error, cause) = state.FailFrom?.Invoke(DataFlow.Input(state, raw, context), context) ?? (null, null);
                execution.FailedState = state.Name;
                await transitions.CompleteAsync(execution, ExecutionStatus.Failed, null, error ?? state.Error, cause ?? state.Cause, ct);
                break;
        }
    }

    private async Task ChooseAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode input, StateContext context, CancellationToken ct)
    {
        var trigger = state.ChoiceList.FirstOrDefault(rule => rule.Holds(input, context))?.Label
            ?? (state.Default is null ? null : StateDefinition.OtherwiseTrigger);
        if (trigger is null)
        {
            await transitions.FailStateAsync(execution, definition, state, StatesErrors.NoChoiceMatched, $"No rule of '{state.Name}' matched and it has no Otherwise.", ct);
            return;
        }
        await transitions.ExitAsync(execution, definition, state, DataFlow.PassOn(state, input, context), trigger, ct);
    }

    /// <summary>InputPath, ItemsPath, then ItemSelector (or Parameters) per item, with <c>$$.Map.Item</c> in its context.</summary>
    private static List<JsonNode> MapInputs(StateDefinition state, JsonNode raw, StateContext context)
    {
        var input = DataFlow.Input(state, raw, context);
        var items = state.Flow?.ItemsPath is { } itemsPath ? itemsPath(input, context) : JsonPath.Get(input, state.ItemsPathText ?? "$");
        if (items is not JsonArray array)
            throw new StepFailedException(StatesErrors.Runtime, $"Map '{state.Name}': ItemsPath did not select an array.");
        var selector = state.Flow?.ItemSelector ?? state.Flow?.Parameters;
        return array.Select((item, i) => selector is null ? JsonPath.Clone(item)! : selector(input, context with { MapItemIndex = i, MapItemValue = JsonPath.Clone(item) })).ToList();
    }

    /// <summary>
    /// A Task runs its step and exits; a callback state issues its token (before Parameters, so <c>$$.Task.Token</c>
    /// resolves), runs its entry step and waits. Null on success, the failure otherwise (nothing recorded yet).
    /// </summary>
    private async Task<StepFailure?> RunStepAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode raw, CancellationToken ct)
    {
        transitions.AddHistory(execution, state.TaskEvents + "Scheduled", state.Name, new JsonObject { ["resource"] = state.Name, ["attempt"] = execution.Attempt });
        string? token = null;
        if (state.Kind == StateKind.Callback)
        {
            token = TaskTokens.NewToken();
            store.AddToken(execution, state.Name, TaskTokens.Hash(token));
        }
        // An activity starts when a worker takes it (ActivityStarted, written by GetActivityTask).
        if (state.TaskEvents == "Task") transitions.AddHistory(execution, "TaskStarted", state.Name, new JsonObject { ["resource"] = state.Name });

        JsonNode? result;
        JsonNode effective;
        JsonNode selected;
        StateContext context;
        try
        {
            context = await transitions.ContextAsync(execution, token, ct);
            // TimeoutSecondsPath and HeartbeatSecondsPath read the state input after InputPath (not the Parameters built from it).
            selected = DataFlow.Input(state, raw, context);
            effective = DataFlow.Effective(state, raw, context);
            result = await RunWithTimeoutAsync(execution, state, effective, selected, context, token, ct);
            if (state.Kind == StateKind.Task)
            {
                var output = DataFlow.Output(state, raw, result, DataFlow.HasResult(state, result), context);
                // Too large fails the step itself, so its effects roll back before Retry or Catch.
                if (DataFlow.TooLarge(output) is { } limit) throw new StepFailedException(StatesErrors.DataLimitExceeded, limit);
                transitions.AddHistory(execution, "TaskSucceeded", state.Name, new JsonObject { ["output"] = JsonPath.Clone(result) });
                await transitions.ExitAsync(execution, definition, state, output, null, ct);
                return null;
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            return StepFailure.From(ex);
        }

        var hash = TaskTokens.Hash(token!);
        execution.Waiting = Waits.Callback;
        var now = store.UtcNow;
        // An activity's heartbeat clock starts when a worker takes the task (Activities.ClaimAsync), not while it queues.
        if (state.TaskEvents == "Task" && (state.HeartbeatSecondsFrom?.Invoke(selected) ?? state.HeartbeatSeconds) is { } heartbeat)
            store.AddDeadline(execution, DeadlineKind.Heartbeat, state.Name, hash, now + transitions.Scale(heartbeat));
        if ((state.TimeoutSecondsFrom?.Invoke(selected) ?? state.TimeoutSeconds) is { } timeout)
            store.AddDeadline(execution, DeadlineKind.TaskTimeout, state.Name, hash, now + transitions.Scale(timeout));
        return null;
    }

    /// <summary>
    /// A plain Task's TimeoutSeconds (or TimeoutSecondsPath): a step that runs longer fails with States.Timeout (its
    /// effects roll back). A local step sends no heartbeats, so its HeartbeatSeconds (or HeartbeatSecondsPath) is a
    /// limit too: the step times out at the shorter of the two.
    /// </summary>
    private async Task<JsonNode?> RunWithTimeoutAsync(ExecutionRow execution, StateDefinition state, JsonNode effective, JsonNode selected, StateContext context,
        string? token, CancellationToken ct)
    {
        var step = new StepContext(services, context, execution.Id, execution.Name, execution.Workflow, state.Name, JsonPath.Clone(effective)!, execution.Attempt, token);
        var timeout = state.Kind == StateKind.Task ? state.TimeoutSecondsFrom?.Invoke(selected) ?? state.TimeoutSeconds : null;
        var heartbeat = state.Kind == StateKind.Task ? state.HeartbeatSecondsFrom?.Invoke(selected) ?? state.HeartbeatSeconds : null;
        var byHeartbeat = heartbeat is not null && (timeout is null || heartbeat < timeout);
        var seconds = byHeartbeat ? heartbeat : timeout;
        if (seconds is null) return await state.Step!(step, ct);

        var limit = transitions.Scale(seconds.Value);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await state.Step!(step, cancel.Token);
            return Stopwatch.GetElapsedTime(started) <= limit ? result : throw TimedOut(seconds.Value, byHeartbeat);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw TimedOut(seconds.Value, byHeartbeat);
        }
    }

    private static StepFailedException TimedOut(int seconds, bool byHeartbeat) => new(StatesErrors.Timeout, byHeartbeat
        ? $"No heartbeat within {seconds} s: the task ran longer than its HeartbeatSeconds and sends none."
        : $"The task ran longer than its TimeoutSeconds ({seconds} s).") { MissedHeartbeat = byHeartbeat };
}

internal sealed record StepFailure(string Error, string? Cause, bool MissedHeartbeat = false)
{
    public static StepFailure From(Exception ex) => ex is StepFailedException failed
        ? new StepFailure(failed.Error, failed.Cause, failed.MissedHeartbeat)
        : new StepFailure(ex.GetType().Name, ex.Message);
}
