using System.Text.Json.Nodes;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>Parallel branches and Map iterations: child executions of the state's round, answered to the parent when they end.</summary>
internal sealed partial class Transitions
{
    /// <summary>A round names one entry of the state, so children of an earlier (failed, retried) round are ignored.</summary>
    private static string Round(ExecutionRow execution, StateDefinition state) => $"{state.Name}@{execution.Version}";

    public void StartBranches(ExecutionRow execution, StateDefinition state, JsonNode input)
    {
        var round = Round(execution, state);
        for (var i = 0; i < state.BranchList.Count; i++)
            Create(state.BranchList[i], execution.Revision, $"{execution.Id}:{round}:{i}", input, execution.Id, round, i);
        execution.Waiting = Waits.BranchesPrefix + round;
        store.AddHistory(execution, "ParallelStateStarted", state.Name, new JsonObject { ["branches"] = state.BranchList.Count });
    }

    /// <summary>One iteration per item (at most MaxConcurrency running, the others pending); 0 items succeed at once with [].</summary>
    public async Task StartMapAsync(ExecutionRow execution, WorkflowDefinition definition, StateDefinition state, JsonNode raw, IReadOnlyList<JsonNode> inputs, StateContext context, CancellationToken ct)
    {
        store.AddHistory(execution, "MapStateStarted", state.Name, new JsonObject { ["length"] = inputs.Count });
        if (inputs.Count == 0)
        {
            store.AddHistory(execution, "MapStateSucceeded", state.Name, null);
            await ExitAsync(execution, definition, state, DataFlow.Output(state, raw, new JsonArray(), true, context), null, ct);
            return;
        }
        var round = Round(execution, state);
        var running = state.MaxConcurrency > 0 ? state.MaxConcurrency : int.MaxValue;
        for (var i = 0; i < inputs.Count; i++)
        {
            var name = $"{execution.Id}:{round}:{i}";
            if (i < running)
            {
                Create(state.Iterator!, execution.Revision, name, inputs[i], execution.Id, round, i);
                store.AddHistory(execution, "MapIterationStarted", state.Name, new JsonObject { ["index"] = i, ["name"] = state.Name });
            }
            else
            {
                CreatePending(state.Iterator!, execution.Revision, name, inputs[i], execution.Id, round, i);
            }
        }
        execution.Waiting = Waits.BranchesPrefix + round;
    }

    /// <summary>In the unit of work that ends a child: the parent's state moves on when all have ended, or fails.</summary>
    private async Task ChildFinishedAsync(ExecutionRow child, CancellationToken ct)
    {
        await store.SaveAsync(ct);
        var parent = await store.LoadAsync(child.ParentId!, ct);
        if (parent is null || parent.Status != ExecutionStatus.Running || parent.Waiting != Waits.BranchesPrefix + child.ParentRound) return;
        if (!TryResolve(parent, out var definition, out var state, out var missing))
        {
            await PoisonAsync(parent, missing, ct);
            return;
        }
        if (state.Kind == StateKind.Map) await IterationFinishedAsync(parent, definition, state, child, ct);
        else await BranchFinishedAsync(parent, definition, state, child, ct);
    }

    private async Task BranchFinishedAsync(ExecutionRow parent, WorkflowDefinition definition, StateDefinition state, ExecutionRow branch, CancellationToken ct)
    {
        if (branch.Status != ExecutionStatus.Succeeded)
        {
            var error = branch.Error ?? StatesErrors.BranchFailed;
            store.AddHistory(parent, "ParallelStateFailed", state.Name, new JsonObject { ["error"] = error, ["cause"] = branch.Cause });
            await StateChildrenFailedAsync(parent, definition, state, error, branch.Cause, ct);
            return;
        }
        var branches = await store.ChildrenAsync(parent.Id, branch.ParentRound!, ct);
        if (branches.Any(b => b.Status != ExecutionStatus.Succeeded)) return;
        var outputs = new JsonArray(branches.Select(b => (JsonNode?)JsonPath.ParseData(b.Output)).ToArray());
        store.AddHistory(parent, "ParallelStateSucceeded", state.Name, new JsonObject { ["output"] = outputs.DeepClone() });
        await ChildrenSucceededAsync(parent, definition, state, outputs, ct);
    }

    private async Task IterationFinishedAsync(ExecutionRow parent, WorkflowDefinition definition, StateDefinition state, ExecutionRow iteration, CancellationToken ct)
    {
        var succeeded = iteration.Status == ExecutionStatus.Succeeded;
        store.AddHistory(parent, succeeded ? "MapIterationSucceeded" : "MapIterationFailed", state.Name,
            new JsonObject { ["index"] = iteration.BranchIndex, ["name"] = state.Name });
        var iterations = await store.ChildrenAsync(parent.Id, iteration.ParentRound!, ct);
        var failed = iterations.Count(i => i.Status is not (ExecutionStatus.Succeeded or ExecutionStatus.Running));
        var (count, percentage) = succeeded ? default : await ToleranceAsync(parent, state, ct);
        if (!succeeded && !Tolerated(count, percentage, failed, iterations.Count))
        {
            var tolerance = count is not null || percentage is not null;
            var (error, cause) = tolerance
                ? (StatesErrors.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded")
                : (iteration.Error ?? StatesErrors.BranchFailed, iteration.Cause);
            store.AddHistory(parent, "MapStateFailed", state.Name, new JsonObject { ["error"] = error, ["cause"] = cause });
            await StateChildrenFailedAsync(parent, definition, state, error, cause, ct);
            return;
        }

        var active = iterations.Count(i => i is { Status: ExecutionStatus.Running } && i.Waiting != Waits.Pending);
        var free = (state.MaxConcurrency > 0 ? state.MaxConcurrency : int.MaxValue) - active;
        if (free > 0)
        {
            foreach (var next in await store.PendingChildrenAsync(parent.Id, iteration.ParentRound!, free, ct))
            {
                Begin(next, state.Iterator!, JsonPath.ParseData(next.StateInput));
                store.AddHistory(parent, "MapIterationStarted", state.Name, new JsonObject { ["index"] = next.BranchIndex, ["name"] = state.Name });
            }
        }
        if (iterations.Any(i => i.Status == ExecutionStatus.Running)) return;

        var outputs = new JsonArray(iterations.Select(i => i.Status == ExecutionStatus.Succeeded
            ? (JsonNode?)JsonPath.ParseData(i.Output)
            : new JsonObject { ["Error"] = i.Error, ["Cause"] = i.Cause }).ToArray());
        store.AddHistory(parent, "MapStateSucceeded", state.Name, null);
        await ChildrenSucceededAsync(parent, definition, state, outputs, ct);
    }

    private static bool Tolerated(int? count, double? percentage, int failed, int total) =>
        (count is { } c && failed <= c) || (percentage is { } p && failed * 100.0 <= p * total);

    /// <summary>The Map's tolerated failures: its Path forms read from its input (after InputPath), else the fixed values.</summary>
    private async Task<(int? Count, double? Percentage)> ToleranceAsync(ExecutionRow parent, StateDefinition state, CancellationToken ct)
    {
        if (state.ToleranceFrom is not { } from) return (state.ToleratedFailureCount, state.ToleratedFailurePercentage);
        var context = await ContextAsync(parent, null, ct);
        var (count, percentage) = from(DataFlow.Input(state, JsonPath.ParseData(parent.StateInput), context), context);
        return (count ?? state.ToleratedFailureCount, percentage ?? state.ToleratedFailurePercentage);
    }

    private async Task ChildrenSucceededAsync(ExecutionRow parent, WorkflowDefinition definition, StateDefinition state, JsonArray outputs, CancellationToken ct)
    {
        parent.Waiting = null;
        var raw = JsonPath.ParseData(parent.StateInput);
        JsonNode output;
        try
        {
            output = DataFlow.Output(state, raw, outputs, true, await ContextAsync(parent, null, ct));
        }
        catch (StepFailedException ex)
        {
            await FailStateAsync(parent, definition, state, ex.Error, ex.Cause, ct);
            return;
        }
        await ExitAsync(parent, definition, state, output, null, ct);
    }

    private async Task StateChildrenFailedAsync(ExecutionRow parent, WorkflowDefinition definition, StateDefinition state, string error, string? cause, CancellationToken ct)
    {
        await AbortChildrenAsync(parent, ct);
        parent.Waiting = null;
        await FailStateAsync(parent, definition, state, error, cause, ct);
    }

    private async Task AbortChildrenAsync(ExecutionRow parent, CancellationToken ct)
    {
        if (parent.Waiting is not { } waiting || !waiting.StartsWith(Waits.BranchesPrefix, StringComparison.Ordinal)) return;
        var round = waiting[Waits.BranchesPrefix.Length..];
        foreach (var child in await store.RunningChildrenAsync(parent.Id, round, ct))
            await CompleteAsync(child, ExecutionStatus.Aborted, null, "States.BranchAborted", "Another branch failed or the execution ended.", ct, notifyParent: false);
    }
}
