using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Json;

// The four kinds of target input and how a target object names them; the transformer, the one with a grammar, has its own files.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>
/// What a rule hands its target, as an EventBridge target says it: the whole event (default), a constant
/// <c>Input</c>, the value at an <c>InputPath</c>, or an <see cref="InputTransformer"/>. All are validated when built.
/// </summary>
public abstract class TargetInput
{
    private static readonly string[] TargetKeys = ["Input", "InputPath", "InputTransformer"];

    private protected TargetInput() { }

    public static TargetInput WholeEvent { get; } = new WholeEventInput();

    /// <summary>A constant input: JSON text passed as is, whatever the event.</summary>
    public static TargetInput Constant(string json) => new ConstantInput(json);

    /// <summary>The part of the event at a JSONPath such as <c>$.detail</c>; a missing path gives JSON null.</summary>
    public static TargetInput Path(string inputPath) => new PathInput(ReadPath(inputPath, "InputPath"));

    public static InputTransformer Transformer(IReadOnlyDictionary<string, string> inputPathsMap, string inputTemplate) =>
        new(inputPathsMap, inputTemplate);

    /// <summary>
    /// Reads the input part of an EventBridge target object: at most one of <c>Input</c> (JSON text),
    /// <c>InputPath</c>, <c>InputTransformer: {InputPathsMap, InputTemplate}</c>; none means the whole event.
    /// </summary>
    public static TargetInput FromTarget(JsonObject target)
    {
        var given = TargetKeys.Where(target.ContainsKey).ToList();
        if (given.Count > 1) throw Error("Target", $"use at most one of Input, InputPath and InputTransformer, found {string.Join(", ", given)}");
        if (given.Count == 0) return WholeEvent;
        var value = target[given[0]];
        switch (given[0])
        {
            case "Input":
                return Constant(JsonText.Of(value));
            case "InputPath":
                return Path(RequireString(value, "InputPath"));
            default:
                if (value is not JsonObject transformer) throw Error("InputTransformer", "must be an object with InputPathsMap and InputTemplate");
                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                if (transformer["InputPathsMap"] is { } map)
                {
                    if (map is not JsonObject pathsObject) throw Error("InputTransformer.InputPathsMap", "must be an object of name to JSONPath");
                    foreach (var (name, path) in pathsObject) paths[name] = RequireString(path, $"InputPathsMap.{name}");
                }
                return Transformer(paths, RequireString(transformer["InputTemplate"], "InputTemplate"));
        }
    }

    /// <summary>The target object form read by <see cref="FromTarget"/>.</summary>
    public abstract JsonObject ToTarget();

    /// <summary>The target's input for a matched event (a full envelope); null stands for JSON null.</summary>
    public abstract JsonNode? Apply(JsonNode evt, string ruleName = "");

    public JsonNode? Apply(EventEnvelope evt, string ruleName = "") => Apply(EventPattern.ToNode(evt), ruleName);

    private protected static InvalidInputTransformerException Error(string path, string problem) => new(path, problem);

    /// <summary>A path of the event, read by Kernel's one JSON path reader; its problems are this field's.</summary>
    private protected static JsonPath ReadPath(string text, string field)
    {
        try
        {
            return new JsonPath(text);
        }
        catch (FormatException e)
        {
            throw Error(field, e.Message);
        }
    }

    private static string RequireString(JsonNode? node, string path) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? JsonText.GetString(v)
            : throw Error(path, "must be a string");

    private sealed class WholeEventInput : TargetInput
    {
        public override JsonObject ToTarget() => [];

        public override JsonNode? Apply(JsonNode evt, string ruleName = "") => evt.DeepClone();
    }

    private sealed class ConstantInput : TargetInput
    {
        private readonly string json;
        private readonly JsonNode? value;

        public ConstantInput(string json)
        {
            this.json = json;
            try
            {
                value = JsonNode.Parse(json);
            }
            catch (JsonException e)
            {
                throw Error("Input", $"not valid JSON: {e.Message}");
            }
        }

        public override JsonObject ToTarget() => new() { ["Input"] = json };

        public override JsonNode? Apply(JsonNode evt, string ruleName = "") => value?.DeepClone();
    }

    private sealed class PathInput(JsonPath path) : TargetInput
    {
        public override JsonObject ToTarget() => new() { ["InputPath"] = path.Text };

        public override JsonNode? Apply(JsonNode evt, string ruleName = "") =>
            path.TrySelect(evt, out var value) ? value?.DeepClone() : null;
    }
}
