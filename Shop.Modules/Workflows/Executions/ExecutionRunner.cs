using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// Moves executions from state to state. Every public method is one unit of work: a step's effects (done by
/// module handlers that join the unit of work), the execution's new state, its history and its deadlines
/// commit together or not at all (Invariant 1). What is left after a crash is the last committed state,
/// which the worker simply runs again.
/// </summary>
internal sealed class ExecutionRunner(
    WorkflowsDbContext db,
    UnitOfWork unitOfWork,
    WorkflowRegistry registry,
    IOptionsMonitor<WorkflowSettings> settings,
    TimeProvider clock,
    WorkflowWorker worker,
    WorkflowTimers timers,
    IServiceProvider services)
{
    private const int ConflictRetries = 5;

    // ---------------------------------------------------------------- start, stop, redrive

    public Task<StartedExecution> StartAsync(WorkflowDefinition definition, string name, JsonNode input, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            var existing = await db.Executions.AsNoTracking().FirstOrDefaultAsync(e => e.Workflow == definition.Name && e.Name == name, ct);
            if (existing is not null)
                return new StartedExecution(existing.Id, existing.Name, existing.Workflow, false, WorkflowsDbContext.ParseTime(existing.StartedAt));

            var execution = Create(definition, name, input, parent: null, round: null, index: null);
            await db.SaveChangesAsync(ct);
            return new StartedExecution(execution.Id, name, definition.Name, true, WorkflowsDbContext.ParseTime(execution.StartedAt));
        }, cancellationToken);

    public Task StopAsync(string executionId, string? error, string? cause, CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var execution = await LoadAsync(executionId, ct) ?? throw new Kernel.Http.NotFoundException("Execution", executionId);
            if (execution.Status != ExecutionStatus.Running)
                throw new Kernel.Http.ConflictException("Execution not running", $"Execution '{executionId}' is {execution.Status}; only a RUNNING execution can be stopped.");
            await CompleteAsync(execution, ExecutionStatus.Aborted, null, error, cause, ct);
            await db.SaveChangesAsync(ct);
        }, cancellationToken));

    public Task RedriveAsync(string executionId, CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var execution = await LoadAsync(executionId, ct) ?? throw new Kernel.Http.NotFoundException("Execution", executionId);
            if (execution.Status != ExecutionStatus.Failed || execution.FailedState is null)
                throw new Kernel.Http.ConflictException("Execution not redrivable", $"Execution '{executionId}' is {execution.Status}; only a FAILED execution can be redriven.");
            var definition = registry.Get(execution.Workflow);
            execution.Status = ExecutionStatus.Running;
            execution.StoppedAt = null;
            execution.Output = execution.Error = execution.Cause = null;
            var state = execution.FailedState;
            execution.FailedState = null;
            AddHistory(execution, "ExecutionRedriven", state, new JsonObject { ["redriveFrom"] = state });
            Enter(execution, definition, state, JsonPath.Parse(execution.StateInput));
            await db.SaveChangesAsync(ct);
        }, cancellationToken));

    // ---------------------------------------------------------------- running states

    /// <summary>Runs the current state if it is ready; true when the next one is ready too.</summary>
    public Task<bool> StepAsync(string executionId, CancellationToken cancellationToken) =>
        WithConflictRetries(() => StepOnceAsync(executionId, cancellationToken));

    private async Task<bool> StepOnceAsync(string executionId, CancellationToken cancellationToken)
    {
        StepFailure? failure = null;
        long seenVersion = 0;
        try
        {
            return await unitOfWork.ExecuteAsync(async ct =>
            {
                var execution = await LoadAsync(executionId, ct);
                if (execution is not { Status: ExecutionStatus.Running, Waiting: null }) return false;
                seenVersion = execution.Version;
                var definition = registry.Get(execution.Workflow);
                var state = definition[execution.CurrentState];
                var input = JsonPath.Parse(execution.StateInput);

                switch (state.Kind)
                {
                    case StateKind.Task or StateKind.Callback:
                        failure = await RunStepAsync(execution, definition, state, input, ct);
                        // The step's effects must not survive its failure: roll the whole unit of work back.
                        if (failure is not null) throw new StepRolledBackException();
                        break;
                    case StateKind.Pass:
                        await ExitAsync(execution, definition, state, state.Result is null ? input : JsonPath.Merge(input, state.Result, state.ResultPath), null, ct);
                        break;
                    case StateKind.Choice:
                        await ChooseAsync(execution, definition, state, input, ct);
                        break;
                    case StateKind.Wait:
                        // Only a redrive makes a Wait state ready: start its wait again.
                        Enter(execution, definition, state.Name, input);
                        break;
                    case StateKind.Parallel:
                        StartBranches(execution, state, input);
                        break;
                    case StateKind.Succeed:
                        AddHistory(execution, "SucceedStateExited", state.Name, new JsonObject { ["name"] = state.Name, ["output"] = input.DeepClone() });
                        await CompleteAsync(execution, ExecutionStatus.Succeeded, input, null, null, ct);
                        break;
                    case StateKind.Fail:
                        execution.FailedState = state.Name;
                        await CompleteAsync(execution, ExecutionStatus.Failed, null, state.Error, state.Cause, ct);
                        break;
                }
                await db.SaveChangesAsync(ct);
                return execution is { Status: ExecutionStatus.Running, Waiting: null };
            }, cancellationToken);
        }
        catch (StepRolledBackException)
        {
            return await RecordStepFailureAsync(executionId, seenVersion, failure!, cancellationToken);
        }
    }

    /// <summary>Runs a Task's step (or a callback state's entry step); null on success, the error otherwise.</summary>
    private async Task<StepFailure?> RunStepAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode input, CancellationToken ct)
    {
        AddHistory(execution, "TaskScheduled", state.Name, new JsonObject { ["resource"] = state.Name, ["attempt"] = execution.Attempt });
        string? token = null;
        if (state.Kind == StateKind.Callback)
        {
            token = TaskTokens.NewToken();
            db.TaskTokens.Add(new TaskTokenRow
            {
                Hash = TaskTokens.Hash(token),
                ExecutionId = execution.Id,
                State = state.Name,
                Status = TokenStatus.Open,
                CreatedAt = Now(),
            });
            AddHistory(execution, "TaskStarted", state.Name, new JsonObject { ["resource"] = state.Name });
        }

        JsonNode? result;
        try
        {
            var context = new StepContext(services, execution.Id, execution.Name, execution.Workflow, state.Name, input.DeepClone(), execution.Attempt, token);
            result = await state.Step!(context, ct);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            return StepFailure.From(ex);
        }

        if (state.Kind == StateKind.Task)
        {
            AddHistory(execution, "TaskSucceeded", state.Name, new JsonObject { ["output"] = result?.DeepClone() });
            await ExitAsync(execution, definition, state, result is null ? input : JsonPath.Merge(input, result, state.ResultPath), null, ct);
            return null;
        }

        var now = clock.GetUtcNow();
        var hash = TaskTokens.Hash(token!);
        execution.Waiting = Waits.Callback;
        if (state.HeartbeatSeconds is { } heartbeat)
            AddDeadline(execution, DeadlineKind.Heartbeat, state.Name, hash, now + Scale(heartbeat));
        if (state.TimeoutSeconds is { } timeout)
            AddDeadline(execution, DeadlineKind.TaskTimeout, state.Name, hash, now + Scale(timeout));
        return null;
    }

    private Task<bool> RecordStepFailureAsync(string executionId, long seenVersion, StepFailure failure, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            var execution = await LoadAsync(executionId, ct);
            // Changed meanwhile (stopped, say): the failure belongs to a state that is gone; look again.
            if (execution is null || execution.Version != seenVersion) return execution is { Status: ExecutionStatus.Running, Waiting: null };
            var definition = registry.Get(execution.Workflow);
            var state = definition[execution.CurrentState];
            AddHistory(execution, "TaskScheduled", state.Name, new JsonObject { ["resource"] = state.Name, ["attempt"] = execution.Attempt });
            AddHistory(execution, "TaskFailed", state.Name, new JsonObject { ["error"] = failure.Error, ["cause"] = failure.Cause });
            await HandleFailureAsync(execution, definition, state, failure.Error, failure.Cause, ct);
            await db.SaveChangesAsync(ct);
            return execution is { Status: ExecutionStatus.Running, Waiting: null };
        }, cancellationToken);

    private async Task ChooseAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode input, CancellationToken ct)
    {
        string? trigger;
        try
        {
            trigger = state.ChoiceList.FirstOrDefault(rule => rule.Condition(input))?.Label
                ?? (state.Default is null ? null : StateDefinition.OtherwiseTrigger);
        }
        catch (Exception ex)
        {
            await HandleFailureAsync(execution, definition, state, StatesErrors.Runtime, ex.Message, ct);
            return;
        }
        if (trigger is null)
        {
            await HandleFailureAsync(execution, definition, state, StatesErrors.NoChoiceMatched, $"No rule of '{state.Name}' matched and it has no Otherwise.", ct);
            return;
        }
        await ExitAsync(execution, definition, state, input, trigger, ct);
    }

    private void StartBranches(ExecutionRow execution, StateDefinition state, JsonNode input)
    {
        // A round names this entry of the Parallel state, so branches of an earlier (failed, retried) round are ignored.
        var round = $"{state.Name}@{execution.Version}";
        for (var i = 0; i < state.BranchList.Count; i++)
            Create(state.BranchList[i], $"{execution.Id}:{round}:{i}", input, execution.Id, round, i);
        execution.Waiting = Waits.BranchesPrefix + round;
        AddHistory(execution, "ParallelStateStarted", state.Name, new JsonObject { ["branches"] = state.BranchList.Count });
    }

    /// <summary>Called in the unit of work that finishes a branch: the Parallel state ends when all have succeeded, or fails with the first failure.</summary>
    private async Task BranchFinishedAsync(ExecutionRow branch, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var parent = await LoadAsync(branch.ParentId!, ct);
        if (parent is null || parent.Status != ExecutionStatus.Running || parent.Waiting != Waits.BranchesPrefix + branch.ParentRound) return;
        var definition = registry.Get(parent.Workflow);
        var state = definition[parent.CurrentState];

        if (branch.Status != ExecutionStatus.Succeeded)
        {
            var error = branch.Error ?? "States.BranchFailed";
            AddHistory(parent, "ParallelStateFailed", state.Name, new JsonObject { ["error"] = error, ["cause"] = branch.Cause });
            await AbortBranchesAsync(parent, ct);
            parent.Waiting = null;
            await HandleFailureAsync(parent, definition, state, error, branch.Cause, ct);
            return;
        }

        var branches = await db.Executions.AsNoTracking()
            .Where(e => e.ParentId == parent.Id && e.ParentRound == branch.ParentRound)
            .OrderBy(e => e.BranchIndex)
            .Select(e => new { e.Status, e.Output })
            .ToListAsync(ct);
        if (branches.Any(b => b.Status != ExecutionStatus.Succeeded)) return;

        var outputs = new JsonArray(branches.Select(b => (JsonNode?)JsonPath.Parse(b.Output)).ToArray());
        AddHistory(parent, "ParallelStateSucceeded", state.Name, new JsonObject { ["output"] = outputs.DeepClone() });
        parent.Waiting = null;
        await ExitAsync(parent, definition, state, JsonPath.Merge(JsonPath.Parse(parent.StateInput), outputs, state.ResultPath), null, ct);
    }

    private async Task AbortBranchesAsync(ExecutionRow parent, CancellationToken ct)
    {
        if (parent.Waiting is not { } waiting || !waiting.StartsWith(Waits.BranchesPrefix, StringComparison.Ordinal)) return;
        var round = waiting[Waits.BranchesPrefix.Length..];
        var running = await db.Executions
            .Where(e => e.ParentId == parent.Id && e.ParentRound == round && e.Status == ExecutionStatus.Running)
            .ToListAsync(ct);
        foreach (var branch in running)
            await CompleteAsync(branch, ExecutionStatus.Aborted, null, "States.BranchAborted", "Another branch failed or the execution ended.", ct, notifyParent: false);
    }

    // ---------------------------------------------------------------- timers

    /// <summary>Applies one due deadline, if it still means something (the execution may have moved on).</summary>
    public Task FireDeadlineAsync(long deadlineId, CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var deadline = await db.Deadlines.FirstOrDefaultAsync(d => d.Id == deadlineId, ct);
            if (deadline is null || WorkflowsDbContext.ParseTime(deadline.DueAt) > clock.GetUtcNow()) return;
            db.Deadlines.Remove(deadline);
            var execution = await LoadAsync(deadline.ExecutionId, ct);
            if (execution is { Status: ExecutionStatus.Running })
            {
                var definition = registry.Get(execution.Workflow);
                var state = definition[execution.CurrentState];
                var here = execution.CurrentState == deadline.State;
                switch (deadline.Kind)
                {
                    case DeadlineKind.Wait when here && execution.Waiting == Waits.Timer:
                        execution.Waiting = null;
                        await ExitAsync(execution, definition, state, JsonPath.Parse(execution.StateInput), null, ct);
                        break;
                    case DeadlineKind.Retry when here && execution.Waiting == Waits.Retry:
                        execution.Waiting = null;
                        execution.Attempt++;
                        Ready(execution);
                        break;
                    case DeadlineKind.Heartbeat or DeadlineKind.TaskTimeout when here && execution.Waiting == Waits.Callback:
                        await TimeOutTaskAsync(execution, definition, state, deadline, ct);
                        break;
                    case DeadlineKind.ExecutionTimeout:
                        execution.FailedState = execution.CurrentState;
                        await CompleteAsync(execution, ExecutionStatus.TimedOut, null, StatesErrors.Timeout, "The execution ran past its TimeoutSeconds.", ct);
                        break;
                }
            }
            await db.SaveChangesAsync(ct);
        }, cancellationToken));

    private async Task TimeOutTaskAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, DeadlineRow deadline, CancellationToken ct)
    {
        var token = await db.TaskTokens.FirstOrDefaultAsync(t => t.Hash == deadline.TokenHash, ct);
        if (token is not { Status: TokenStatus.Open }) return;
        token.Status = TokenStatus.TimedOut;
        await db.Deadlines.Where(d => d.TokenHash == deadline.TokenHash && d.Id != deadline.Id).ExecuteDeleteAsync(ct);
        execution.Waiting = null;
        var cause = deadline.Kind == DeadlineKind.Heartbeat
            ? $"No heartbeat within {state.HeartbeatSeconds} s."
            : $"No callback within {state.TimeoutSeconds} s.";
        AddHistory(execution, "TaskTimedOut", state.Name, new JsonObject { ["error"] = StatesErrors.Timeout, ["cause"] = cause });
        await HandleFailureAsync(execution, definition, state, StatesErrors.Timeout, cause, ct);
    }

    // ---------------------------------------------------------------- callbacks

    public Task SendTaskSuccessAsync(string token, JsonNode? output, CancellationToken cancellationToken) =>
        SendTaskSuccessByHashAsync(TaskTokens.Hash(token), output, cancellationToken);

    public Task SendTaskFailureAsync(string token, string? error, string? cause, CancellationToken cancellationToken) =>
        SendTaskFailureByHashAsync(TaskTokens.Hash(token), error, cause, cancellationToken);

    /// <summary>The open token of the execution's current callback state, if it waits for one.</summary>
    public Task<TaskTokenRow?> FindOpenTokenAsync(ExecutionRow execution, CancellationToken cancellationToken) =>
        execution is { Status: ExecutionStatus.Running, Waiting: Waits.Callback }
            ? db.TaskTokens.AsNoTracking()
                .Where(t => t.ExecutionId == execution.Id && t.State == execution.CurrentState && t.Status == TokenStatus.Open)
                .OrderByDescending(t => t.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken)
            : Task.FromResult<TaskTokenRow?>(null);

    public Task SendTaskSuccessByHashAsync(string hash, JsonNode? output, CancellationToken cancellationToken) =>
        WithTokenAsync(hash, consume: true, async (execution, definition, state, ct) =>
        {
            AddHistory(execution, "TaskSucceeded", state.Name, new JsonObject { ["output"] = output?.DeepClone() });
            var input = JsonPath.Parse(execution.StateInput);
            await ExitAsync(execution, definition, state, output is null ? input : JsonPath.Merge(input, output, state.ResultPath), null, ct);
        }, cancellationToken);

    public Task SendTaskFailureByHashAsync(string hash, string? error, string? cause, CancellationToken cancellationToken) =>
        WithTokenAsync(hash, consume: true, async (execution, definition, state, ct) =>
        {
            var name = string.IsNullOrEmpty(error) ? StatesErrors.TaskFailed : error;
            AddHistory(execution, "TaskFailed", state.Name, new JsonObject { ["error"] = name, ["cause"] = cause });
            await HandleFailureAsync(execution, definition, state, name, cause, ct);
        }, cancellationToken);

    /// <summary>Pushes the heartbeat deadline back; writes no history.</summary>
    public Task SendTaskHeartbeatAsync(string token, CancellationToken cancellationToken) =>
        WithTokenAsync(TaskTokens.Hash(token), consume: false, async (execution, _, state, ct) =>
        {
            if (state.HeartbeatSeconds is not { } seconds) return;
            var hash = TaskTokens.Hash(token);
            var deadline = await db.Deadlines.FirstOrDefaultAsync(d => d.TokenHash == hash && d.Kind == DeadlineKind.Heartbeat, ct);
            if (deadline is null) return;
            var due = clock.GetUtcNow() + Scale(seconds);
            deadline.DueAt = WorkflowsDbContext.FormatTime(due);
            var id = deadline.Id;
            unitOfWork.AfterCommit(() => { timers.Schedule(id, due); return ValueTask.CompletedTask; });
        }, cancellationToken);

    private Task<bool> WithTokenAsync(string hash, bool consume, Func<ExecutionRow, WorkflowDefinition, StateDefinition, CancellationToken, Task> action,
        CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var row = await db.TaskTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
            if (row?.Status == TokenStatus.TimedOut) throw TaskTokenException.Expired();
            if (row?.Status != TokenStatus.Open) throw TaskTokenException.Unknown();
            if (consume)
            {
                // Conditional update: of any number of concurrent callers, exactly one moves the token from OPEN to USED.
                var claimed = await db.TaskTokens.Where(t => t.Hash == hash && t.Status == TokenStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TokenStatus.Used), ct);
                if (claimed != 1) throw TaskTokenException.Unknown();
            }
            var execution = await LoadAsync(row.ExecutionId, ct);
            if (execution is not { Status: ExecutionStatus.Running, Waiting: Waits.Callback } || execution.CurrentState != row.State)
                throw TaskTokenException.Unknown();
            var definition = registry.Get(execution.Workflow);
            if (consume)
            {
                await db.Deadlines.Where(d => d.TokenHash == hash).ExecuteDeleteAsync(ct);
                execution.Waiting = null;
            }
            await action(execution, definition, definition[row.State], ct);
            await db.SaveChangesAsync(ct);
        }, cancellationToken));

    // ---------------------------------------------------------------- transitions

    private ExecutionRow Create(WorkflowDefinition definition, string name, JsonNode input, string? parent, string? round, int? index)
    {
        var now = clock.GetUtcNow();
        var execution = new ExecutionRow
        {
            Id = Guid.NewGuid().ToString(),
            Workflow = definition.Name,
            Name = name,
            Status = ExecutionStatus.Running,
            CurrentState = definition.StartAt,
            StateInput = "{}",
            Input = input.ToJsonString(),
            StartedAt = WorkflowsDbContext.FormatTime(now),
            ParentId = parent,
            ParentRound = round,
            BranchIndex = index,
        };
        db.Executions.Add(execution);
        AddHistory(execution, "ExecutionStarted", null, new JsonObject { ["input"] = input.DeepClone(), ["workflow"] = definition.Name, ["name"] = name });
        if (definition.TimeoutSeconds is { } timeout)
            AddDeadline(execution, DeadlineKind.ExecutionTimeout, definition.StartAt, null, now + Scale(timeout));
        Enter(execution, definition, definition.StartAt, input);
        return execution;
    }

    private void Enter(ExecutionRow execution, WorkflowDefinition definition, string stateName, JsonNode input)
    {
        var state = definition[stateName];
        execution.CurrentState = stateName;
        execution.StateInput = input.ToJsonString();
        execution.Attempt = 0;
        execution.Waiting = null;
        AddHistory(execution, EventPrefix(state.Kind) + "StateEntered", stateName, new JsonObject { ["name"] = stateName, ["input"] = input.DeepClone() });
        if (state.Kind == StateKind.Wait)
        {
            execution.Waiting = Waits.Timer;
            AddDeadline(execution, DeadlineKind.Wait, stateName, null, WaitUntil(state, input));
        }
        else
        {
            Ready(execution);
        }
    }

    private async Task ExitAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode output, string? trigger, CancellationToken ct)
    {
        AddHistory(execution, EventPrefix(state.Kind) + "StateExited", state.Name, new JsonObject { ["name"] = state.Name, ["output"] = output.DeepClone() });
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

    private async Task HandleFailureAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, string error, string? cause, CancellationToken ct)
    {
        var retry = state.RetryList.FirstOrDefault(r => StatesErrors.Matches(r.ErrorEquals, error));
        if (retry is not null && execution.Attempt < retry.MaxAttempts)
        {
            var seconds = retry.IntervalSeconds * Math.Pow(retry.BackoffRate, execution.Attempt);
            execution.Waiting = Waits.Retry;
            AddDeadline(execution, DeadlineKind.Retry, state.Name, null, clock.GetUtcNow() + Scale(seconds));
            return;
        }
        var handler = state.CatchList.FirstOrDefault(c => StatesErrors.Matches(c.ErrorEquals, error));
        if (handler is not null)
        {
            var output = JsonPath.Merge(JsonPath.Parse(execution.StateInput), new JsonObject { ["Error"] = error, ["Cause"] = cause }, handler.ResultPath);
            await ExitAsync(execution, definition, state, output, handler.Trigger, ct);
            return;
        }
        execution.FailedState = state.Name;
        // An uncaught timeout ends the execution TIMED_OUT (Step Functions would say FAILED with States.Timeout).
        await CompleteAsync(execution, error == StatesErrors.Timeout ? ExecutionStatus.TimedOut : ExecutionStatus.Failed, null, error, cause, ct);
    }

    private async Task CompleteAsync(ExecutionRow execution, string status, JsonNode? output, string? error, string? cause, CancellationToken ct, bool notifyParent = true)
    {
        await AbortBranchesAsync(execution, ct);
        execution.Status = status;
        execution.StoppedAt = Now();
        execution.Output = output?.ToJsonString();
        execution.Error = error;
        execution.Cause = cause;
        execution.Waiting = null;
        var (type, details) = status switch
        {
            ExecutionStatus.Succeeded => ("ExecutionSucceeded", new JsonObject { ["output"] = output?.DeepClone() }),
            ExecutionStatus.Aborted => ("ExecutionAborted", new JsonObject { ["error"] = error, ["cause"] = cause }),
            ExecutionStatus.TimedOut => ("ExecutionTimedOut", new JsonObject { ["error"] = error, ["cause"] = cause }),
            _ => ("ExecutionFailed", new JsonObject { ["error"] = error, ["cause"] = cause }),
        };
        AddHistory(execution, type, null, details);
        // Flush first: the set-based updates below must see deadlines and tokens added earlier in this unit of work.
        await db.SaveChangesAsync(ct);
        await db.Deadlines.Where(d => d.ExecutionId == execution.Id).ExecuteDeleteAsync(ct);
        await db.TaskTokens.Where(t => t.ExecutionId == execution.Id && t.Status == TokenStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TokenStatus.Cancelled), ct);
        if (notifyParent && execution.ParentId is not null) await BranchFinishedAsync(execution, ct);
    }

    // ---------------------------------------------------------------- helpers

    private DateTimeOffset WaitUntil(StateDefinition state, JsonNode input)
    {
        var now = clock.GetUtcNow();
        double seconds = state.Seconds ?? 0;
        if (state.SecondsPath is { } secondsPath && JsonPath.Get(input, secondsPath) is JsonValue v && v.TryGetValue<double>(out var s))
            seconds = s;
        if (state.TimestampPath is { } timePath && JsonPath.Get(input, timePath) is JsonValue t && t.TryGetValue<DateTimeOffset>(out var at))
            seconds = Math.Max(0, (at - now).TotalSeconds);
        return now + Scale(Math.Max(0, seconds));
    }

    /// <summary>Workflows:TimeScale as it is now (the settings page changes it at run time); a deadline keeps the scale it was set with.</summary>
    private TimeSpan Scale(double seconds) => settings.CurrentValue.Scale(seconds);

    private void AddHistory(ExecutionRow execution, string type, string? state, JsonObject? details)
    {
        execution.HistoryCount++;
        db.History.Add(new HistoryRow
        {
            ExecutionId = execution.Id,
            Sequence = execution.HistoryCount,
            Type = type,
            State = state,
            Time = Now(),
            Details = details?.ToJsonString(),
        });
    }

    private void AddDeadline(ExecutionRow execution, string kind, string state, string? tokenHash, DateTimeOffset due)
    {
        var row = new DeadlineRow { ExecutionId = execution.Id, Kind = kind, State = state, TokenHash = tokenHash, DueAt = WorkflowsDbContext.FormatTime(due) };
        db.Deadlines.Add(row);
        // The id exists once saved; Hangfire hears of the deadline only if it committed.
        unitOfWork.AfterCommit(() => { timers.Schedule(row.Id, due); return ValueTask.CompletedTask; });
    }

    private void Ready(ExecutionRow execution)
    {
        var id = execution.Id;
        unitOfWork.AfterCommit(() => { worker.Enqueue(id); return ValueTask.CompletedTask; });
    }

    private Task<ExecutionRow?> LoadAsync(string id, CancellationToken ct) => db.Executions.FirstOrDefaultAsync(e => e.Id == id, ct);

    private string Now() => WorkflowsDbContext.FormatTime(clock.GetUtcNow());

    private static string EventPrefix(StateKind kind) => kind == StateKind.Callback ? "Task" : kind.ToString();

    /// <summary>A conflicting update rolled back: run again from the fresh state, never overwrite.</summary>
    private static async Task<T> WithConflictRetries<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
            }
        }
    }

    private static Task<bool> WithConflictRetries(Func<Task> work) => WithConflictRetries(async () => { await work(); return true; });

    private sealed record StepFailure(string Error, string? Cause)
    {
        public static StepFailure From(Exception ex) => ex is StepFailedException failed
            ? new StepFailure(failed.Error, failed.Cause)
            : new StepFailure(ex.GetType().Name, ex.Message);
    }

    private sealed class StepRolledBackException : Exception;
}
