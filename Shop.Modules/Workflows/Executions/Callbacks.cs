using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>SendTaskSuccess / Failure / Heartbeat: each one unit of work in which exactly one caller may use a token.</summary>
internal sealed class Callbacks(UnitOfWork unitOfWork, ExecutionStore store, Transitions transitions, StateRunner states)
{
    public Task SendTaskSuccessAsync(string hash, JsonNode? output, CancellationToken cancellationToken) =>
        WithTokenAsync(hash, consume: true, (execution, definition, state, ct) =>
            transitions.CallbackSucceededAsync(execution, definition, state, output, ct), cancellationToken);

    public Task SendTaskFailureAsync(string hash, string? error, string? cause, CancellationToken cancellationToken) =>
        WithTokenAsync(hash, consume: true, (execution, definition, state, ct) =>
            transitions.CallbackFailedAsync(execution, definition, state, error, cause, ct), cancellationToken);

    /// <summary>Pushes the heartbeat deadline back (its Hangfire job moves with it); writes no history.</summary>
    public Task SendTaskHeartbeatAsync(string hash, CancellationToken cancellationToken) =>
        WithTokenAsync(hash, consume: false, async (execution, _, state, ct) =>
        {
            var deadline = await store.FindHeartbeatAsync(hash, ct);
            if (deadline is null) return;
            // The interval the deadline was set with (HeartbeatSecondsPath may have chosen it), read back from the token's timer.
            var seconds = state.HeartbeatSeconds;
            if (state.HeartbeatSecondsFrom is { } from)
            {
                var context = await transitions.ContextAsync(execution, null, ct);
                seconds = from(DataFlow.Input(state, JsonPath.ParseData(execution.StateInput), context)) ?? seconds;
            }
            if (seconds is null) return;
            store.MoveDeadline(deadline, store.UtcNow + transitions.Scale(seconds.Value));
        }, cancellationToken);

    public Task<TaskTokenRow?> FindOpenTokenAsync(ExecutionRow execution, CancellationToken cancellationToken) =>
        store.FindOpenTokenAsync(execution, cancellationToken);

    /// <remarks>
    /// A callback that ends the wait runs the pure states after it in its own unit of work (as a step does,
    /// <see cref="StateRunner.RunPureStatesAsync"/>): a Choice on the callback's result costs no unit of work of its own.
    /// </remarks>
    private async Task WithTokenAsync(string hash, bool consume, Func<ExecutionRow, WorkflowDefinition, StateDefinition, CancellationToken, Task> action,
        CancellationToken cancellationToken)
    {
        var pure = new FollowingStateTraces();
        try
        {
            await ExecutionRunner.WithConflictRetries(() => unitOfWork.ExecuteAsync(async ct =>
            {
                pure.End(); // a conflict runs the callback again: the spans of the attempt that rolled back end here
                var row = await store.FindTokenAsync(hash, ct);
                if (row?.Status == TokenStatus.TimedOut) throw TaskTokenException.Expired();
                if (row?.Status != TokenStatus.Open) throw TaskTokenException.Unknown();
                if (consume && !await store.ClaimTokenAsync(hash, TokenStatus.Used, ct)) throw TaskTokenException.Unknown();
                var execution = await store.LoadAsync(row.ExecutionId, ct);
                if (execution is not { Status: ExecutionStatus.Running, Waiting: Waits.Callback } || execution.CurrentState != row.State)
                    throw TaskTokenException.Unknown();
                if (!transitions.TryResolve(execution, out var definition, out var state, out var missing))
                {
                    await transitions.PoisonAsync(execution, missing, ct);
                }
                else
                {
                    if (consume)
                    {
                        await store.DeleteTokenDeadlinesAsync(hash, ct);
                        execution.Waiting = null;
                    }
                    await action(execution, definition, state, ct);
                    // Pure states only: a Task after the wait runs on the worker, not on the caller's request.
                    if (consume) await states.RunPureStatesAsync(execution, pure, ct);
                }
                await store.SaveAsync(ct);
                pure.Ran(execution);
            }, cancellationToken));
        }
        finally
        {
            pure.End();
        }
    }
}
