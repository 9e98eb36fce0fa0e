// The states that run child executions: Parallel (one per branch) and Map (one per item).
namespace Shop.Modules.Workflows;

public sealed class ParallelStateBuilder : FallibleStateBuilder<ParallelStateBuilder>
{
    private readonly string _prefix;

    internal ParallelStateBuilder(StateDefinition state, string prefix)
        : base(state) => _prefix = prefix;

    /// <summary>A branch is declared like a workflow; it receives the Parallel state's input.</summary>
    public ParallelStateBuilder Branch(Func<WorkflowBuilder, WorkflowBuilder> branch)
    {
        State.BranchList.Add(branch(new WorkflowBuilder($"{_prefix}/{State.BranchList.Count}")).Build());
        return this;
    }
}

public sealed class MapStateBuilder : FallibleStateBuilder<MapStateBuilder>
{
    private readonly string _prefix;

    internal MapStateBuilder(StateDefinition state, string prefix)
        : base(state) => _prefix = prefix;

    /// <summary>Declared like a workflow; each run receives one item (the whole input's array at ItemsPath, item by item).</summary>
    public MapStateBuilder Iterator(Func<WorkflowBuilder, WorkflowBuilder> iterator)
    {
        State.Iterator = iterator(new WorkflowBuilder($"{_prefix}/iterator")).Build();
        return this;
    }

    /// <summary>Where the items are in the input ("$" by default).</summary>
    public MapStateBuilder ItemsPath(string path)
    {
        State.ItemsPathText = JsonPath.Validate(path);
        return this;
    }

    /// <summary>At most this many iterations at once (0: no limit).</summary>
    public MapStateBuilder MaxConcurrency(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        State.MaxConcurrency = max;
        return this;
    }

    public MapStateBuilder ToleratedFailureCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        State.ToleratedFailureCount = count;
        return this;
    }

    public MapStateBuilder ToleratedFailurePercentage(double percentage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentage, 100);
        State.ToleratedFailurePercentage = percentage;
        return this;
    }
}
