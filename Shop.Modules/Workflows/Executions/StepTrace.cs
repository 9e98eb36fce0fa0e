using System.Diagnostics;
using Shop.Modules.Kernel.Telemetry;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// What one step reports: its span "step {workflow}/{state}", a child of the span that started the execution (its
/// stored traceparent), and its duration on <see cref="ShopMetrics.StepDuration"/>. A struct kept in the step's own
/// closure: with nothing listening it allocates nothing and costs two checks.
/// </summary>
internal struct StepTrace
{
    private Activity? _span;
    private string? _workflow;
    private string? _state;
    private string? _error;
    private long _started;

    /// <summary>The execution is loaded and ready: the step begins (its effects run with this span current).</summary>
    public void Start(ExecutionRow execution)
    {
        _workflow = execution.Workflow;
        _state = execution.CurrentState;
        if (ShopMetrics.StepDuration.Enabled) _started = Stopwatch.GetTimestamp();
        _span = ShopTelemetry.StartFrom(execution.TraceParent, ActivityKind.Internal, static e => $"step {e.Workflow}/{e.CurrentState}", execution);
        if (_span is not { IsAllDataRequested: true }) return;
        _span.SetTag(ShopTags.Workflow, execution.Workflow);
        _span.SetTag(ShopTags.State, execution.CurrentState);
        _span.SetTag(ShopTags.ExecutionId, execution.Id);
        _span.SetTag(ShopTags.Attempt, execution.Attempt);
    }

    /// <summary>The step's writes are done: the status the execution goes on with (RUNNING, or how it ended).</summary>
    public readonly void Ran(ExecutionRow execution) => _span?.SetTag(ShopTags.ExecutionStatus, execution.Status);

    /// <summary>The step failed (its effects rolled back); Retry, Catch or the end is recorded next, under this span.</summary>
    public void Failed(string error, string? cause)
    {
        Fail(error, cause);
        if (_span is not null) Activity.Current = _span;
    }

    /// <summary>An exception filter's side effect: the engine could not finish the step (a conflict retries it). Never catches.</summary>
    public bool Threw(Exception exception)
    {
        if (_workflow is not null && _error is null) Fail(exception.GetType().Name, exception.Message);
        return false;
    }

    private void Fail(string error, string? cause)
    {
        _error = error;
        ShopTelemetry.Fail(_span, error, cause);
    }

    /// <summary>Ends the span and records the duration; nothing when no step ran (the execution was not ready).</summary>
    public readonly void End()
    {
        if (_workflow is null) return;
        if (_started != 0)
        {
            var tags = new TagList { { ShopTags.Workflow, _workflow }, { ShopTags.State, _state } };
            if (_error is not null) tags.Add(ShopTags.ErrorType, _error);
            ShopMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
        _span?.Dispose();
    }
}

/// <summary>The spans of the states a step or a callback ran after its own state (pure states, chained Tasks), in the order they ran.</summary>
internal sealed class FollowingStateTraces
{
    private readonly List<StepTrace> _traces = [];

    public int Count => _traces.Count;

    public void Add(StepTrace trace) => _traces.Add(trace);

    /// <inheritdoc cref="StepTrace.Ran"/>
    public void Ran(ExecutionRow execution)
    {
        foreach (var trace in _traces) trace.Ran(execution);
    }

    /// <summary>Ends every span, the last started first, and forgets them.</summary>
    public void End()
    {
        for (var i = _traces.Count - 1; i >= 0; i--) _traces[i].End();
        _traces.Clear();
    }
}
