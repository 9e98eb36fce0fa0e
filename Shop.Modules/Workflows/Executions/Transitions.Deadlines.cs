using System.Text.Json.Nodes;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>What a due deadline does to its execution, and how a callback state ends.</summary>
internal sealed partial class Transitions
{
    public async Task DeadlineDueAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, DeadlineRow deadline, CancellationToken ct)
    {
        var here = execution.CurrentState == deadline.State;
        switch (deadline.Kind)
        {
            case DeadlineKind.Wait when here && execution.Waiting == Waits.Timer:
                execution.Waiting = null;
                await ExitWithAsync(execution, definition, state, (raw, context) => DataFlow.PassOn(state, DataFlow.Input(state, raw, context), context), ct);
                break;
            case DeadlineKind.Retry when here && execution.Waiting == Waits.Retry:
                execution.Waiting = null;
                execution.Attempt++;
                store.Ready(execution);
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

    private async Task TimeOutTaskAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, DeadlineRow deadline, CancellationToken ct)
    {
        if (!await store.ClaimTokenAsync(deadline.TokenHash!, TokenStatus.TimedOut, ct)) return;
        await store.DeleteTokenDeadlinesAsync(deadline.TokenHash!, ct, except: deadline.Id);
        execution.Waiting = null;
        var cause = deadline.Kind == DeadlineKind.Heartbeat
            ? state.HeartbeatSeconds is { } heartbeat ? $"No heartbeat within {heartbeat} s." : "No heartbeat within HeartbeatSeconds."
            : state.TimeoutSeconds is { } timeout ? $"No callback within {timeout} s." : "No callback within TimeoutSeconds.";
        // An activity's missed heartbeat is States.HeartbeatTimeout (a States.Timeout rule still catches it).
        var error = deadline.Kind == DeadlineKind.Heartbeat && state.TaskEvents == "Activity" ? StatesErrors.HeartbeatTimeout : StatesErrors.Timeout;
        store.AddHistory(execution, state.TaskEvents + "TimedOut", state.Name, new JsonObject { ["error"] = error, ["cause"] = cause });
        await FailStateAsync(execution, definition, state, error, cause, ct, missedHeartbeat: deadline.Kind == DeadlineKind.Heartbeat);
    }

    /// <summary>SendTaskSuccess: the output is the callback state's result.</summary>
    public async Task CallbackSucceededAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode? output, CancellationToken ct)
    {
        store.AddHistory(execution, state.TaskEvents + "Succeeded", state.Name, new JsonObject { ["output"] = JsonPath.Clone(output) });
        await ExitWithAsync(execution, definition, state,
            (raw, context) => DataFlow.Output(state, raw, output, DataFlow.HasResult(state, output), context), ct);
    }

    public async Task CallbackFailedAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, string? error, string? cause, CancellationToken ct)
    {
        var name = string.IsNullOrEmpty(error) ? StatesErrors.TaskFailed : error;
        store.AddHistory(execution, state.TaskEvents + "Failed", state.Name, new JsonObject { ["error"] = name, ["cause"] = cause });
        await FailStateAsync(execution, definition, state, name, cause, ct);
    }

    /// <summary>Exits with the output the data flow gives; a data-flow failure fails the state instead.</summary>
    private async Task ExitWithAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state,
        Func<JsonNode, StateContext, JsonNode> output, CancellationToken ct)
    {
        JsonNode result;
        try
        {
            result = output(JsonPath.ParseData(execution.StateInput), await ContextAsync(execution, null, ct));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            var failure = ex is StepFailedException ? StepFailure.From(ex) : new StepFailure(StatesErrors.Runtime, ex.Message);
            await FailStateAsync(execution, definition, state, failure.Error, failure.Cause, ct);
            return;
        }
        await ExitAsync(execution, definition, state, result, null, ct);
    }
}
