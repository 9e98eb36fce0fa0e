using Stateless;

// A built workflow and its Stateless machine; one state is StateDefinition.cs, the rules a state carries are StateRules.cs.
namespace Shop.Modules.Workflows;

/// <summary>The kinds of state, as Step Functions names them (a wait-for-callback Task is its own kind here).</summary>
public enum StateKind
{
    Task,
    Callback,
    Choice,
    Wait,
    Pass,
    Parallel,
    Succeed,
    Fail,

    /// <summary>Runs its <see cref="StateDefinition.Iterator"/> once per item, each run a child execution like a Parallel branch.</summary>
    Map,
}

/// <summary>A finished workflow definition: built once with <see cref="Workflow.Define"/>, then immutable.</summary>
public sealed class WorkflowDefinition
{
    /// <param name="revision">0 for C# definitions; ASL state machines count up from 1.</param>
    /// <param name="document">The ASL text of an ASL state machine (null for C#).</param>
    /// <param name="source"><see cref="WorkflowSources.CSharp"/> or <see cref="WorkflowSources.Asl"/>.</param>
    internal WorkflowDefinition(string name, string startAt, IReadOnlyList<StateDefinition> states, int? timeoutSeconds, string? comment,
        int revision = 0, string? document = null, string source = WorkflowSources.CSharp)
    {
        Name = name;
        Revision = revision;
        Document = document;
        Source = source;
        StartAt = startAt;
        States = states;
        TimeoutSeconds = timeoutSeconds;
        Comment = comment;
        ByName = states.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string StartAt { get; }

    /// <summary>In the order they were declared.</summary>
    public IReadOnlyList<StateDefinition> States { get; }

    /// <summary>The whole execution's deadline; past it the execution ends TIMED_OUT.</summary>
    public int? TimeoutSeconds { get; }

    public string? Comment { get; }

    /// <summary>0 for C# definitions. A running execution keeps the revision it started on.</summary>
    public int Revision { get; }

    /// <summary>The ASL JSON text for ASL workflows, null for C#.</summary>
    public string? Document { get; }

    /// <summary>"csharp" or "asl" (<see cref="WorkflowSources"/>).</summary>
    public string Source { get; }

    /// <summary>The same definition as another revision (what the registry stores when an ASL machine is updated).</summary>
    internal WorkflowDefinition WithRevision(int revision, string? document, string source) =>
        new(Name, StartAt, States, TimeoutSeconds, Comment, revision, document, source);

    internal IReadOnlyDictionary<string, StateDefinition> ByName { get; }

    internal StateDefinition this[string state] => ByName[state];

    public bool TryGetState(string state, out StateDefinition definition) => ByName.TryGetValue(state, out definition!);

    /// <summary>Every definition a state of this one runs as a child execution (Parallel branches, Map iterators), recursively.</summary>
    internal IEnumerable<WorkflowDefinition> Children() =>
        States.SelectMany(s => s.Iterator is null ? s.Branches : s.Branches.Append(s.Iterator)).SelectMany(c => c.Children().Prepend(c));

    /// <summary>
    /// The definition as a Stateless machine over an externally stored state name: the engine fires
    /// a transition's trigger, Stateless checks it is allowed and writes the new state back.
    /// </summary>
    internal StateMachine<string, string> CreateMachine(Func<string> read, Action<string> write)
    {
        var machine = new StateMachine<string, string>(read, write);
        foreach (var state in States)
        {
            var configuration = machine.Configure(state.Name);
            foreach (var (trigger, target) in state.Transitions())
            {
                if (target == state.Name) configuration.PermitReentry(trigger);
                else configuration.Permit(trigger, target);
            }
        }
        return machine;
    }
}

public static class WorkflowSources
{
    public const string CSharp = "csharp";
    public const string Asl = "asl";
}
