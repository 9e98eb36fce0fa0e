using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// A payload template (Parameters, ResultSelector, ItemSelector): literal JSON whose keys ending in ".$" take their
/// value from a path, a context path or an intrinsic function, at any depth. Compiled once, applied per run.
/// </summary>
internal sealed class PayloadTemplate
{
    private readonly Func<AslScope, JsonNode?> _apply;

    private PayloadTemplate(Func<AslScope, JsonNode?> apply) => _apply = apply;

    public JsonNode? Apply(AslScope scope) => _apply(scope);

    /// <summary>Throws <see cref="FormatException"/> naming the bad key (the caller adds the state and field).</summary>
    public static PayloadTemplate Compile(JsonNode? template) => new(Node(template));

    private static Func<AslScope, JsonNode?> Node(JsonNode? node) => node switch
    {
        JsonObject o => Object(o),
        JsonArray a => Array(a),
        _ => Literal(node),
    };

    private static Func<AslScope, JsonNode?> Literal(JsonNode? node)
    {
        var value = node?.DeepClone();
        return _ => value?.DeepClone();
    }

    private static Func<AslScope, JsonNode?> Array(JsonArray array)
    {
        var items = array.Select(Node).ToArray();
        return scope => new JsonArray(items.Select(item => item(scope)).ToArray());
    }

    private static Func<AslScope, JsonNode?> Object(JsonObject o)
    {
        var fields = new List<(string Key, Func<AslScope, JsonNode?> Value)>();
        foreach (var (key, value) in o)
        {
            if (!key.EndsWith(".$", StringComparison.Ordinal))
            {
                fields.Add((key, Node(value)));
                continue;
            }
            if (!AslJson.TryString(value, out var expression))
                throw new FormatException($"the value of '{key}' must be a string with a path or an intrinsic function, not {AslJson.ToText(value)}");
            fields.Add((key[..^2], Dynamic(key, expression)));
        }
        return scope =>
        {
            var result = new JsonObject();
            foreach (var (key, value) in fields) result[key] = value(scope);
            return result;
        };
    }

    /// <summary>The value of a "key.$": a path into the data, a path into the context object, or an intrinsic function.</summary>
    public static Func<AslScope, JsonNode?> Dynamic(string field, string expression)
    {
        if (IntrinsicParser.LooksLikeCall(expression))
        {
            var call = IntrinsicParser.Parse(expression);
            return scope => IntrinsicFunctions.Evaluate(call, scope, field);
        }
        if (!AslPath.LooksLikePath(expression))
            throw new FormatException($"the value of '{field}' must be a JSONPath ($...), a context path ($$...) or an intrinsic function (States....), not '{expression}'");
        var path = AslPath.Parse(expression);
        return scope =>
        {
            if (scope.TryRead(path, out var value)) return value?.DeepClone();
            var data = path.IsContext ? scope.Context : scope.Input;
            throw scope.Runtime($"The JSONPath '{path.Text}' specified for the field '{field}' could not be found in the input '{AslJson.ToText(data)}'");
        };
    }
}
