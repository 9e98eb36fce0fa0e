using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// Amazon States Language (JSONPath flavour) → the engine's own <see cref="WorkflowDefinition"/>: one engine, so
/// ASL machines get the same durability, history, graph, tokens and timers as C# workflows. Refuses what cannot
/// run with an <see cref="InvalidDefinitionException"/> naming the state and the field.
/// </summary>
internal sealed class AslCompiler(AslContextObject contextObject, IEnumerable<ITaskResource> resources)
{
    private readonly ITaskResource[] _resources = resources.ToArray();

    public AslContextObject ContextObject => contextObject;

    public WorkflowDefinition Compile(string name, string document, int revision)
    {
        var root = AslFields.ParseDocument(document);
        var machine = new AslFields(root, null, "");
        if (machine.String("QueryLanguage") is { } language && language != "JSONPath")
            throw machine.Invalid("QueryLanguage", language == "JSONata"
                ? "JSONata is not supported here yet; write the machine with JSONPath (remove QueryLanguage or set it to \"JSONPath\")"
                : $"'{language}' is not a query language (JSONPath or JSONata)");
        if (machine.String("Version") is { } version && version != "1.0") throw machine.Invalid("Version", $"'{version}' is not a version of the language (1.0)");
        machine.Int("TimeoutSeconds", 1, 99_999_999);
        return CompileMachine(name, root, "", revision, document);
    }

    /// <summary>A machine, a Parallel branch or a Map iterator: StartAt and States, checked for dangling and unreachable states.</summary>
    internal WorkflowDefinition CompileMachine(string name, JsonObject node, string where, int revision, string? document = null)
    {
        var fields = new AslFields(node, null, where);
        var startAt = fields.String("StartAt", required: true)!;
        var states = fields.Object("States", required: true)!;
        if (states.Count == 0) throw fields.Invalid("States", "must have at least one state");
        if (!states.ContainsKey(startAt)) throw fields.Invalid("StartAt", $"'{startAt}' is not a state");

        var compiled = new List<StateDefinition>();
        foreach (var (stateName, stateNode) in states)
        {
            if (stateName.Length is 0 or > 80) throw fields.Invalid("States", $"the state name '{stateName}' must have 1 to 80 characters");
            if (stateNode is not JsonObject stateObject) throw fields.Invalid("States", $"state '{stateName}' must be a JSON object");
            compiled.Add(new AslStateCompiler(this, name, stateName, stateObject, $"{where}/States/{stateName}", revision).Compile());
        }

        var byName = compiled.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var state in compiled)
            foreach (var (field, target) in Targets(state))
                if (!byName.ContainsKey(target))
                    throw AslFields.Invalid(state.Name, $"{where}/States/{state.Name}", field, $"'{target}' is not a state (missing transition target)");

        var reached = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var queue = new Queue<string>([startAt]);
        while (queue.TryDequeue(out var current))
            foreach (var (_, target) in Targets(byName[current]))
                if (reached.Add(target)) queue.Enqueue(target);
        var unreachable = compiled.FirstOrDefault(s => !reached.Contains(s.Name));
        if (unreachable is not null)
            throw AslFields.Invalid(unreachable.Name, $"{where}/States/{unreachable.Name}", "Type", "the state is not reachable from StartAt (nothing goes to it)");

        return new WorkflowDefinition(name, startAt, compiled, fields.Int("TimeoutSeconds", 1, 99_999_999), fields.String("Comment"), revision, document, WorkflowSources.Asl);
    }

    private static IEnumerable<(string Field, string Target)> Targets(StateDefinition state)
    {
        if (state.Next is { } next) yield return ("Next", next);
        foreach (var rule in state.Choices) yield return ("Choices", rule.Next);
        if (state.Default is { } otherwise) yield return ("Default", otherwise);
        foreach (var rule in state.Catches) yield return ("Catch", rule.Next);
    }

    /// <summary>The resource serving a Task's ARN (without its pattern suffix), or null.</summary>
    internal ITaskResource? ResourceFor(string resource) => _resources.FirstOrDefault(r => r.Serves(resource));
}
