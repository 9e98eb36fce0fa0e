namespace Shop.Modules.Workflows;

/// <summary>
/// Every workflow the engine can run, by name and revision. C# definitions (registered with
/// <c>AddWorkflow</c>) are revision 0 and fixed; definitions registered at run time (ASL) replace a name's
/// latest revision for NEW executions, while running executions keep the revision they started on.
/// </summary>
public interface IWorkflowDefinitions
{
    /// <summary>Top-level definitions, the latest revision of each name, by name.</summary>
    IReadOnlyList<WorkflowDefinition> All { get; }

    /// <summary>Adds a revision; the highest revision of a name is the one new executions start on. C# names cannot be replaced.</summary>
    void Register(WorkflowDefinition definition);

    /// <summary>No new execution starts on the name; its revisions stay for the executions that run on them. False when unknown.</summary>
    bool Remove(string name);

    /// <summary>The latest revision of a top-level definition.</summary>
    bool TryGet(string name, out WorkflowDefinition definition);

    /// <summary>A revision of a definition, top-level or child (Parallel branch, Map iterator), even after <see cref="Remove"/>.</summary>
    bool TryGet(string name, int revision, out WorkflowDefinition definition);

    /// <summary>Like <see cref="TryGet(string, int, out WorkflowDefinition)"/>; throws KeyNotFoundException when missing.</summary>
    WorkflowDefinition Get(string name, int revision);
}

internal sealed class WorkflowDefinitions : IWorkflowDefinitions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Name, int Revision), WorkflowDefinition> _revisions = new();
    private readonly Dictionary<string, WorkflowDefinition> _latest = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fixed = new(StringComparer.Ordinal);
    private IReadOnlyList<WorkflowDefinition> _all = [];

    public WorkflowDefinitions(IEnumerable<WorkflowDefinition> definitions)
    {
        foreach (var definition in definitions.GroupBy(d => d.Name).Select(g => g.Last()))
        {
            Add(definition);
            _fixed.Add(definition.Name);
        }
        Publish();
    }

    public IReadOnlyList<WorkflowDefinition> All => Volatile.Read(ref _all);

    public void Register(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_lock)
        {
            if (_fixed.Contains(definition.Name))
                throw new InvalidOperationException($"Workflow '{definition.Name}' is defined in C# and cannot be replaced.");
            Add(definition);
            Publish();
        }
    }

    public bool Remove(string name)
    {
        lock (_lock)
        {
            if (_fixed.Contains(name))
                throw new InvalidOperationException($"Workflow '{name}' is defined in C# and cannot be removed.");
            if (!_latest.Remove(name)) return false;
            Publish();
            return true;
        }
    }

    public bool TryGet(string name, out WorkflowDefinition definition)
    {
        lock (_lock) return _latest.TryGetValue(name, out definition!);
    }

    public bool TryGet(string name, int revision, out WorkflowDefinition definition)
    {
        lock (_lock) return _revisions.TryGetValue((name, revision), out definition!);
    }

    public WorkflowDefinition Get(string name, int revision) => TryGet(name, revision, out var definition)
        ? definition
        : throw new KeyNotFoundException($"Workflow '{name}' revision {revision} is not registered.");

    private void Add(WorkflowDefinition definition)
    {
        _revisions[(definition.Name, definition.Revision)] = definition;
        foreach (var child in definition.Children()) _revisions[(child.Name, definition.Revision)] = child;
        if (!_latest.TryGetValue(definition.Name, out var latest) || latest.Revision <= definition.Revision)
            _latest[definition.Name] = definition;
    }

    private void Publish() =>
        Volatile.Write(ref _all, _latest.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray());
}
