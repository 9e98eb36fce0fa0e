// What the state builders share: Next/End/Comment/DataFlow for all, ResultPath for states with a result, Retry/Catch for states that can fail.
namespace Shop.Modules.Workflows;

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
