using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>Inline Map states, and Retry/Catch for every state that can fail.</summary>
internal sealed partial class AslStateCompiler
{
    private static readonly string[] Distributed = ["ItemReader", "ItemBatcher", "ResultWriter"];

    private StateDefinition Map()
    {
        _fields.OnlyFields(Fields("Iterator", "ItemProcessor", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency", "MaxConcurrencyPath",
            "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
            "ResultSelector", "ResultPath", "Retry", "Catch", "Label", "ItemReader", "ItemBatcher", "ResultWriter"));
        foreach (var distributed in Distributed)
            if (_fields.Has(distributed)) throw _fields.Invalid(distributed, "distributed Map states are not supported here (inline Map only)");
        if (_fields.Has("Iterator") == _fields.Has("ItemProcessor")) throw _fields.Invalid("ItemProcessor", "a Map state needs ItemProcessor (or the older Iterator), one of them");
        if (_fields.Has("ItemSelector") && _fields.Has("Parameters")) throw _fields.Invalid("ItemSelector", "use ItemSelector or the older Parameters, not both");
        var processorField = _fields.Has("Iterator") ? "Iterator" : "ItemProcessor";
        var processor = _fields.Object(processorField, required: true)!;
        if (processor["ProcessorConfig"] is JsonObject config && AslJson.TryString(config["Mode"], out var mode) && mode != "INLINE")
            throw _fields.Invalid(processorField, $"ProcessorConfig.Mode '{mode}' is not supported here (INLINE only)");
        var iteratorNode = processor.DeepClone().AsObject();
        iteratorNode.Remove("ProcessorConfig");

        var state = new StateDefinition(name, StateKind.Map)
        {
            Iterator = compiler.CompileMachine($"{machine}/{name}", iteratorNode, $"{where}/{processorField}", revision),
            MaxConcurrency = _fields.Int("MaxConcurrency", 0) ?? 0,
            ToleratedFailureCount = _fields.Int("ToleratedFailureCount", 0),
            ToleratedFailurePercentage = _fields.Number("ToleratedFailurePercentage", 0) is { } p ? p <= 100 ? p : throw _fields.Invalid("ToleratedFailurePercentage", "must be from 0 to 100") : null,
        };
        var itemsPath = _fields.OptionalPath("ItemsPath");
        var concurrencyPath = _fields.OptionalPath("MaxConcurrencyPath");
        var (countPath, percentagePath) = TolerancePaths(state);
        Func<JsonNode, StateContext, JsonNode> items = (input, context) =>
        {
            var scope = Scope(input, context);
            if (concurrencyPath is not null) CheckConcurrency(scope, concurrencyPath);
            if (countPath is not null) ToleratedCount(scope, countPath);
            if (percentagePath is not null) ToleratedPercentage(scope, percentagePath);
            if (itemsPath is null) return input;
            JsonNode? items;
            try
            {
                items = scope.Read(itemsPath);
            }
            catch (PathNotFoundException ex)
            {
                throw scope.Runtime($"Invalid path '{itemsPath.Text}' : {ex.Message}");
            }
            return items as JsonArray
                ?? throw scope.Runtime($"Item path {itemsPath.Text} references an invalid value: {AslJson.ToText(items)} (a JSON array is expected)");
        };
        var selector = _fields.Template(_fields.Has("ItemSelector") ? "ItemSelector" : "Parameters");
        state.Flow = Flow(parameters: false, resultSelector: true, resultPath: true, items,
            selector is null ? null : (input, itemContext) => Json(selector.Apply(Scope(input, itemContext))));
        RetryAndCatch(state);
        Transition(state);
        return state;
    }

    /// <summary>
    /// ToleratedFailureCountPath / ToleratedFailurePercentagePath: checked when the Map starts (a bad value fails it with
    /// States.Runtime), read again from the same effective input when an iteration fails.
    /// </summary>
    private (AslPath? Count, AslPath? Percentage) TolerancePaths(StateDefinition state)
    {
        if (_fields.Has("ToleratedFailureCount") && _fields.Has("ToleratedFailureCountPath"))
            throw _fields.Invalid("ToleratedFailureCountPath", "use ToleratedFailureCount or ToleratedFailureCountPath, not both");
        if (_fields.Has("ToleratedFailurePercentage") && _fields.Has("ToleratedFailurePercentagePath"))
            throw _fields.Invalid("ToleratedFailurePercentagePath", "use ToleratedFailurePercentage or ToleratedFailurePercentagePath, not both");
        var count = _fields.OptionalPath("ToleratedFailureCountPath");
        var percentage = _fields.OptionalPath("ToleratedFailurePercentagePath");
        if (count is not null || percentage is not null)
            state.ToleranceFrom = (input, context) =>
            {
                var scope = Scope(input, context);
                return (count is null ? null : ToleratedCount(scope, count), percentage is null ? null : ToleratedPercentage(scope, percentage));
            };
        return (count, percentage);
    }

    private static int ToleratedCount(AslScope scope, AslPath path)
    {
        scope.TryRead(path, out var value);
        return AslJson.TryInteger(value, out var n) && n >= 0
            ? (int)Math.Min(n, int.MaxValue)
            : throw scope.Runtime($"The ToleratedFailureCountPath field refers to value \"{AslJson.JavaText(value)}\" which is not a valid integer: {path.Text}");
    }

    private static double ToleratedPercentage(AslScope scope, AslPath path)
    {
        scope.TryRead(path, out var value);
        return AslJson.TryNumber(value, out var p) && p is >= 0 and <= 100
            ? p
            : throw scope.Runtime($"The ToleratedFailurePercentagePath field refers to value \"{AslJson.JavaText(value)}\" which is not a number from 0 to 100: {path.Text}");
    }

    private static void CheckConcurrency(AslScope scope, AslPath path)
    {
        scope.TryRead(path, out var value);
        if (!AslJson.TryInteger(value, out var n) || n < 0 || n > int.MaxValue)
            throw scope.Runtime($"The MaxConcurrencyPath field refers to value \"{AslJson.JavaText(value)}\" which is not a valid integer: {path.Text}");
    }

    // ---------------------------------------------------------------- Retry and Catch

    private void RetryAndCatch(StateDefinition state)
    {
        var retries = _fields.Array("Retry") ?? [];
        for (var i = 0; i < retries.Count; i++)
        {
            var rule = Rule(retries, i, "Retry", ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
            var errors = ErrorEquals(rule, "Retry", i, retries.Count);
            var jitter = rule.String("JitterStrategy") ?? "NONE";
            if (jitter is not ("FULL" or "NONE")) throw _fields.Invalid("Retry", $"retrier {i}: JitterStrategy must be FULL or NONE, not '{jitter}'");
            state.RetryList.Add(new RetryRule(errors, rule.Int("IntervalSeconds", 1, 99_999_999) ?? 1, rule.Int("MaxAttempts", 0, 99_999_999) ?? 3,
                rule.Number("BackoffRate", 1.0) ?? 2.0, rule.Int("MaxDelaySeconds", 1, 31_622_400), jitter == "FULL" ? JitterStrategy.Full : JitterStrategy.None));
        }

        var catches = _fields.Array("Catch") ?? [];
        for (var i = 0; i < catches.Count; i++)
        {
            var rule = Rule(catches, i, "Catch", ["ErrorEquals", "Next", "ResultPath", "Comment"]);
            var errors = ErrorEquals(rule, "Catch", i, catches.Count);
            var next = rule.String("Next", required: true)!;
            var (present, path) = rule.Path("ResultPath", reference: true);
            state.CatchList.Add(new CatchRule(errors, next, present ? path is null ? null : Dotted(path) : "$"));
        }
    }

    private AslFields Rule(JsonArray rules, int index, string field, HashSet<string> allowed)
    {
        if (rules[index] is not JsonObject node) throw _fields.Invalid(field, $"rule {index} must be a JSON object");
        var rule = new AslFields(node, name, $"{where}/{field}/{index}");
        rule.OnlyFields(allowed);
        return rule;
    }

    /// <summary>A non-empty list of error names; States.ALL only alone and in the last rule.</summary>
    private string[] ErrorEquals(AslFields rule, string field, int index, int count)
    {
        var list = rule.Array("ErrorEquals", required: true)!;
        if (list.Count == 0 || list.Any(e => !AslJson.TryString(e, out _))) throw _fields.Invalid(field, $"rule {index}: ErrorEquals must be a non-empty list of error names");
        var errors = list.Select(e => e!.GetValue<string>()).ToArray();
        if (errors.Contains(AslErrors.All) && (errors.Length > 1 || index != count - 1))
            throw _fields.Invalid(field, $"rule {index}: States.ALL must appear alone in ErrorEquals, in the last rule");
        return errors;
    }

    /// <summary>The engine's catch ResultPath is "$" or "$.a.b".</summary>
    private string Dotted(AslPath path)
    {
        if (path.Segments.Any(s => s is not NameSegment)) throw _fields.Invalid("Catch", $"ResultPath '{path.Text}' of a catcher may name fields only");
        return "$" + string.Concat(path.Segments.Cast<NameSegment>().Select(s => "." + s.Names[0]));
    }
}
