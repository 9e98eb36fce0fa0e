namespace Shop.Modules.Workflows;

/// <summary>Every registered definition by name, Parallel branches included (they run as executions of their own).</summary>
internal sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowDefinition> _all = new(StringComparer.Ordinal);

    public WorkflowRegistry(IEnumerable<WorkflowDefinition> definitions)
    {
        TopLevel = definitions.GroupBy(d => d.Name).Select(g => g.Last()).OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        foreach (var definition in TopLevel) Add(definition);
    }

    public IReadOnlyList<WorkflowDefinition> TopLevel { get; }

    public bool TryGet(string name, out WorkflowDefinition definition) => _all.TryGetValue(name, out definition!);

    public WorkflowDefinition Get(string name) => _all.TryGetValue(name, out var definition)
        ? definition
        : throw new InvalidOperationException($"Workflow '{name}' is not registered (was it removed while executions were running?).");

    private void Add(WorkflowDefinition definition)
    {
        _all[definition.Name] = definition;
        foreach (var branch in definition.States.SelectMany(s => s.Branches)) Add(branch);
    }
}

/// <summary>The "Workflows" settings.</summary>
public sealed class WorkflowSettings
{
    /// <summary>Multiplies every wait, heartbeat, timeout and retry interval (0.1 makes a 10 s wait last 1 s).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>How many steps may run at once.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Registers the Demo.Counter workflow (used by the crash test).</summary>
    public bool Demo { get; set; }

    /// <remarks>A value that is not more than 0 (only possible when changed at run time past validation) counts as 1.</remarks>
    internal TimeSpan Scale(double seconds) => TimeSpan.FromSeconds(seconds * (TimeScale > 0 && double.IsFinite(TimeScale) ? TimeScale : 1.0));
}
