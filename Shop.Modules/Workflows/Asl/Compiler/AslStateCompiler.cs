using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>One ASL state → one <see cref="StateDefinition"/> with its data flow, transitions, Retry and Catch.</summary>
internal sealed partial class AslStateCompiler(AslCompiler compiler, string machine, string name, JsonObject node, string where, int revision)
{
    private static readonly HashSet<string> Common = ["Type", "Comment", "Next", "End", "InputPath", "OutputPath", "QueryLanguage"];
    private readonly AslFields _fields = new(node, name, where);

    private static HashSet<string> Fields(params string[] more) => [.. Common, .. more];

    public StateDefinition Compile()
    {
        var type = _fields.String("Type", required: true)!;
        if (_fields.String("QueryLanguage") is { } language && language != "JSONPath")
            throw _fields.Invalid("QueryLanguage", language == "JSONata" ? "JSONata is not supported here yet" : $"'{language}' is not a query language");
        var state = type switch
        {
            "Pass" => Pass(),
            "Task" => Task(),
            "Choice" => Choice(),
            "Wait" => Wait(),
            "Succeed" => Terminal(StateKind.Succeed, Fields()),
            "Fail" => Fail(),
            "Parallel" => Parallel(),
            "Map" => Map(),
            _ => throw _fields.Invalid("Type", $"'{type}' is not a state type (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map)"),
        };
        state.NullResultIsNull = true;
        return state;
    }

    // ---------------------------------------------------------------- transitions

    /// <summary>Exactly one of Next and End, for every state that is not Choice, Succeed or Fail.</summary>
    private void Transition(StateDefinition state)
    {
        var next = _fields.String("Next");
        var end = _fields.Bool("End");
        if (next is null && !end) throw _fields.Invalid("Next", "the state needs 'Next' or '\"End\": true'");
        if (next is not null && end) throw _fields.Invalid("End", "the state has both 'Next' and 'End'");
        state.Next = next;
        state.End = end;
    }

    private void NoTransition(string type)
    {
        if (_fields.Has("Next")) throw _fields.Invalid("Next", $"a {type} state has no 'Next'");
        if (_fields.Has("End")) throw _fields.Invalid("End", $"a {type} state has no 'End'");
    }

    // ---------------------------------------------------------------- data flow

    private AslScope Scope(JsonNode? data, StateContext? context) => context is null
        ? new AslScope(data, () => null, name, 0)
        : new AslScope(data, () => compiler.ContextObject.Build(context), context.StateName, EnteredEventId(context));

    private static long EnteredEventId(StateContext context) => context.EnteredEventId;

    /// <summary>The engine's data-flow functions take and give JsonNode; a JSON null travels as a C# null.</summary>
    private static JsonNode Json(JsonNode? node) => node!;

    /// <summary>InputPath, Parameters (a template), ResultSelector, ResultPath and OutputPath, as the state type allows them.</summary>
    private StateDataFlow Flow(bool parameters, bool resultSelector, bool resultPath,
        Func<JsonNode, StateContext, JsonNode>? itemsPath = null, Func<JsonNode, StateContext, JsonNode>? itemSelector = null)
    {
        var input = AslDataFlow.Select(_fields.Path("InputPath"));
        var output = AslDataFlow.Select(_fields.Path("OutputPath"));
        var template = parameters ? _fields.Template("Parameters") : null;
        var selector = resultSelector ? _fields.Template("ResultSelector") : null;
        var place = resultPath ? AslDataFlow.ResultPath(_fields.Path("ResultPath", reference: true), name) : null;
        return new StateDataFlow
        {
            InputPath = input is null ? null : (data, context) => Json(input(Scope(data, context))),
            OutputPath = output is null ? null : (data, context) => Json(output(Scope(data, context))),
            Parameters = template is null ? null : (data, context) => Json(template.Apply(Scope(data, context))),
            ResultSelector = selector is null ? null : (data, context) => Json(selector.Apply(Scope(data, context))),
            ResultPath = place is null ? null : (raw, result) => Json(place(raw, result)),
            ItemsPath = itemsPath,
            ItemSelector = itemSelector,
        };
    }

    // ---------------------------------------------------------------- simple states

    private StateDefinition Pass()
    {
        _fields.OnlyFields(Fields("Result", "ResultPath", "Parameters"));
        var state = new StateDefinition(name, StateKind.Pass) { Flow = Flow(parameters: true, resultSelector: false, resultPath: true) };
        if (_fields.Has("Result")) state.Result = Json(node["Result"]?.DeepClone());
        Transition(state);
        return state;
    }

    private StateDefinition Terminal(StateKind kind, HashSet<string> allowed)
    {
        _fields.OnlyFields(allowed);
        NoTransition(kind.ToString());
        return new StateDefinition(name, kind) { ResultPath = null, Flow = Flow(parameters: false, resultSelector: false, resultPath: false) };
    }

    private StateDefinition Fail()
    {
        _fields.OnlyFields(["Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath", "QueryLanguage"]);
        NoTransition("Fail");
        if (_fields.Has("Error") && _fields.Has("ErrorPath")) throw _fields.Invalid("ErrorPath", "a Fail state has 'Error' or 'ErrorPath', not both");
        if (_fields.Has("Cause") && _fields.Has("CausePath")) throw _fields.Invalid("CausePath", "a Fail state has 'Cause' or 'CausePath', not both");
        var state = new StateDefinition(name, StateKind.Fail) { ResultPath = null, Error = _fields.String("Error"), Cause = _fields.String("Cause") };
        var errorPath = Dynamic("ErrorPath");
        var causePath = Dynamic("CausePath");
        if (errorPath is null && causePath is null) return state;
        var (error, cause) = (state.Error, state.Cause);
        state.FailFrom = (data, context) =>
        {
            var scope = Scope(data, context);
            return (errorPath is null ? error : Text(errorPath(scope), "ErrorPath", scope), causePath is null ? cause : Text(causePath(scope), "CausePath", scope));
        };
        return state;
    }

    /// <summary>A path or an intrinsic function in a "...Path" field of a Fail state.</summary>
    private Func<AslScope, JsonNode?>? Dynamic(string field)
    {
        var text = _fields.String(field);
        if (text is null) return null;
        try
        {
            return PayloadTemplate.Dynamic(field, text);
        }
        catch (FormatException ex)
        {
            throw _fields.Invalid(field, ex.Message);
        }
    }

    private static string Text(JsonNode? value, string field, AslScope scope) =>
        AslJson.TryString(value, out var s) ? s : throw scope.Runtime($"The {field} field must refer to a string, not {AslJson.ToText(value)}");
}
