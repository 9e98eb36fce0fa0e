using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// Moves executions from state to state. Every public method is one unit of work: a step's effects (done by
/// module handlers that join the unit of work), the execution's new state, its history and its deadlines
/// commit together or not at all (Invariant 1). What is left after a crash is the last committed state,
/// which the worker simply runs again.
/// </summary>
internal sealed class ExecutionRunner(UnitOfWork unitOfWork, ExecutionStore store, Transitions transitions, StateRunner states)
{
    private const int ConflictRetries = 5;

    public Task<StartedExecution> StartAsync(WorkflowDefinition definition, string name, JsonNode input, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            var existing = await store.FindByNameAsync(definition.Name, name, ct);
            // Same name and same input: the same execution (idempotent start); another input: Step Functions' ExecutionAlreadyExists.
            if (existing is not null && !JsonNode.DeepEquals(JsonPath.ParseData(existing.Input), input))
                throw new ExecutionAlreadyExistsException(definition.Name, name, existing.Id);
            if (existing is not null)
                return new StartedExecution(existing.Id, existing.Name, existing.Workflow, false, WorkflowsDbContext.ParseTime(existing.StartedAt));

            var execution = transitions.Create(definition, definition.Revision, name, input);
            await store.SaveAsync(ct);
            return new StartedExecution(execution.Id, name, definition.Name, true, WorkflowsDbContext.ParseTime(execution.StartedAt));
        }, cancellationToken);

    /// <summary>Runs the current state if it is ready; true when the next one is ready too.</summary>
    public Task<bool> StepAsync(string executionId, CancellationToken cancellationToken) =>
        WithConflictRetries(() => StepOnceAsync(executionId, cancellationToken));

    /// <summary>
    /// The order that makes a step's effects happen exactly once:
    /// (1) load the execution, and run it only if it is RUNNING and ready, remembering its version;
    /// (2) run the state: the step's effects join this unit of work; then the states that follow, if any (pure states,
    ///     and Tasks each in a nested savepoint: <see cref="StateRunner.RunFollowingAsync"/>);
    /// (3) record the transition, its history and deadlines in the same unit of work;
    /// (4) commit: the execution's UPDATE checks its version, so a concurrent change (a stop, a callback) rolls
    ///     everything back and the step runs again from the fresh row;
    /// (5) only after the commit, wake the worker and schedule the timers.
    /// A failing step rolls back, effects and all; its failure is then recorded in a unit of work of its own,
    /// only if the execution is still at the version the step ran on.
    /// </summary>
    private async Task<bool> StepOnceAsync(string executionId, CancellationToken cancellationToken)
    {
        StepFailure? failure = null;
        long version = 0;
        var trace = new StepTrace();
        var pure = new FollowingStateTraces();
        try
        {
            return await unitOfWork.ExecuteAsync(async ct =>
            {
                var execution = await store.LoadAsync(executionId, ct);
                if (execution is not { Status: ExecutionStatus.Running, Waiting: null }) return false;
                version = execution.Version;
                trace.Start(execution);
                if (!transitions.TryResolve(execution, out var definition, out var state, out var missing))
                    await transitions.PoisonAsync(execution, missing, ct);
                else if ((failure = await states.RunAsync(execution, definition, state, ct)) is not null)
                    throw new StepRolledBackException();
                else
                    execution = await states.RunFollowingAsync(execution, pure, ct);
                await store.SaveAsync(ct);
                trace.Ran(execution);
                pure.Ran(execution);
                return IsReady(execution);
            }, cancellationToken);
        }
        catch (StepRolledBackException)
        {
            trace.Failed(failure!.Error, failure.Cause);
            return await RecordStepFailureAsync(executionId, version, failure, cancellationToken);
        }
        catch (Exception ex) when (trace.Threw(ex))
        {
            throw;
        }
        finally
        {
            pure.End();
            trace.End();
        }
    }

    private Task<bool> RecordStepFailureAsync(string executionId, long version, StepFailure failure, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            var execution = await store.LoadAsync(executionId, ct);
            // Changed meanwhile (stopped, say): the failure belongs to a state that is gone; look again.
            if (execution is null || execution.Version != version) return IsReady(execution);
            await states.RecordFailureAsync(execution, failure, ct);
            await store.SaveAsync(ct);
            return IsReady(execution);
        }, cancellationToken);

    public Task StopAsync(string executionId, string? error, string? cause, CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var execution = await store.LoadAsync(executionId, ct) ?? throw new NotFoundException("Execution", executionId);
            if (execution.Status != ExecutionStatus.Running)
                throw new ConflictException("Execution not running", $"Execution '{executionId}' is {execution.Status}; only a RUNNING execution can be stopped.");
            execution.FailedState = execution.CurrentState;
            await transitions.CompleteAsync(execution, ExecutionStatus.Aborted, null, error, cause, ct);
            await store.SaveAsync(ct);
        }, cancellationToken));

    public Task RedriveAsync(string executionId, CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var execution = await store.LoadAsync(executionId, ct) ?? throw new NotFoundException("Execution", executionId);
            if (execution.Status is not (ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted) || execution.ParentId is not null)
                throw new ConflictException("Execution not redrivable",
                    $"Execution '{executionId}' is {execution.Status}; only a FAILED, TIMED_OUT or ABORTED top-level execution can be redriven.");
            // The state that did not finish.
            var state = execution.FailedState ?? execution.CurrentState;
            execution.CurrentState = state;
            if (!transitions.TryResolve(execution, out var definition, out _, out var missing))
                throw new ConflictException("Execution not redrivable", missing);
            execution.Status = ExecutionStatus.Running;
            execution.StoppedAt = null;
            execution.Output = execution.Error = execution.Cause = null;
            execution.FailedState = null;
            execution.RedriveCount++;
            execution.RedrivenAt = store.Now();
            transitions.AddHistory(execution, "ExecutionRedriven", state, new JsonObject { ["redriveFrom"] = state, ["redriveCount"] = execution.RedriveCount });
            transitions.Enter(execution, definition, state, JsonPath.ParseData(execution.StateInput));
            await store.SaveAsync(ct);
        }, cancellationToken));

    /// <summary>Applies one due deadline, if it still means something (the execution may have moved on).</summary>
    public Task FireDeadlineAsync(long deadlineId, CancellationToken cancellationToken) =>
        WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
        {
            var deadline = await store.FindDeadlineAsync(deadlineId, ct);
            if (deadline is null || WorkflowsDbContext.ParseTime(deadline.DueAt) > store.UtcNow) return;
            EngineMetrics.DeadlineFired(deadline, store.UtcNow);
            store.RemoveDeadline(deadline);
            var execution = await store.LoadAsync(deadline.ExecutionId, ct);
            if (execution is { Status: ExecutionStatus.Running })
            {
                if (!transitions.TryResolve(execution, out var definition, out var state, out var missing))
                    await transitions.PoisonAsync(execution, missing, ct);
                else
                    await transitions.DeadlineDueAsync(execution, definition, state, deadline, ct);
            }
            await store.SaveAsync(ct);
        }, cancellationToken));

    public static bool IsReady(ExecutionRow? execution) => execution is { Status: ExecutionStatus.Running, Waiting: null };

    /// <summary>A conflicting update rolled back: run again from the fresh state, never overwrite.</summary>
    public static async Task<T> WithConflictRetries<T>(Func<Task<T>> work)
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

    public static Task<bool> WithConflictRetries(Func<Task> work) => WithConflictRetries(async () => { await work(); return true; });

    private sealed class StepRolledBackException : Exception;
}
