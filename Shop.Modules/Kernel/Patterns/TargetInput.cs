using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;

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
    public static TargetInput Path(string inputPath) => new PathInput(JsonPath.Parse(inputPath, "InputPath"));

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
                return Constant(value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonText.GetString(v) : value?.ToJsonString() ?? "null");
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

/// <summary>
/// EventBridge's input transformer: <see cref="InputPathsMap"/> names parts of the event by JSONPath
/// (<c>{"detail": "$.detail"}</c>) and <see cref="InputTemplate"/> places them with <c>&lt;name&gt;</c>
/// (<c>{"Input": &lt;detail&gt;}</c>). A placeholder outside quotes is replaced by the value as JSON; inside a
/// JSON string by its text (a string without quotes, anything else as its JSON), escaped so the result stays
/// valid. A path missing from the event gives <c>null</c> outside quotes and an empty text inside.
/// Predefined: <c>&lt;aws.events.rule-name&gt;</c>, <c>&lt;aws.events.rule-arn&gt;</c>, <c>&lt;aws.events.event&gt;</c>,
/// <c>&lt;aws.events.event.json&gt;</c> (the whole event) and <c>&lt;aws.events.event.ingestion-time&gt;</c> (its time).
/// </summary>
public sealed class InputTransformer : TargetInput
{
    private const string RuleName = "aws.events.rule-name";
    private const string RuleArn = "aws.events.rule-arn";
    private const string Event = "aws.events.event";
    private const string EventJson = "aws.events.event.json";
    private const string IngestionTime = "aws.events.event.ingestion-time";
    private static readonly string[] Predefined = [RuleName, RuleArn, Event, EventJson, IngestionTime];

    private readonly Dictionary<string, JsonPath> paths = new(StringComparer.Ordinal);
    private readonly List<object> parts = []; // literal strings and placeholders, in template order

    public InputTransformer(IReadOnlyDictionary<string, string> inputPathsMap, string inputTemplate)
    {
        InputPathsMap = inputPathsMap;
        InputTemplate = inputTemplate;
        foreach (var (name, path) in inputPathsMap)
        {
            var field = $"InputPathsMap.{name}";
            // No dots: that keeps the predefined aws.events.* names out of reach.
            if (name.Length == 0 || !name.All(IsNameChar)) throw Error(field, "a name may only contain letters, digits, _ and -");
            paths[name] = JsonPath.Parse(path, field);
        }
        if (string.IsNullOrWhiteSpace(inputTemplate)) throw Error("InputTemplate", "must not be empty");
        ParseTemplate(inputTemplate);

        // Substituting the blandest values proves every rendering is JSON: real values are whole JSON values
        // outside quotes and escaped text inside.
        try
        {
            JsonNode.Parse(Render(_ => (false, null)));
        }
        catch (JsonException e)
        {
            throw Error("InputTemplate", $"does not produce valid JSON: {e.Message}");
        }
    }

    public IReadOnlyDictionary<string, string> InputPathsMap { get; }

    public string InputTemplate { get; }

    public override JsonObject ToTarget()
    {
        var map = new JsonObject();
        foreach (var (name, path) in InputPathsMap) map[name] = path;
        return new JsonObject
        {
            ["InputTransformer"] = new JsonObject { [nameof(InputPathsMap)] = map, [nameof(InputTemplate)] = InputTemplate },
        };
    }

    public override JsonNode? Apply(JsonNode evt, string ruleName = "") =>
        JsonNode.Parse(Render(name => Resolve(name, evt, ruleName)));

    private (bool Found, JsonNode? Value) Resolve(string name, JsonNode evt, string ruleName)
    {
        switch (name)
        {
            case RuleName: return (true, JsonValue.Create(ruleName));
            case RuleArn: return (true, JsonValue.Create($"arn:aws:events:{EventEnvelope.LocalRegion}:{EventEnvelope.LocalAccount}:rule/{ruleName}"));
            case Event or EventJson: return (true, evt);
            case IngestionTime: return evt is JsonObject o && o.TryGetPropertyValue("time", out var time) ? (true, time) : (false, null);
            default: return paths[name].TrySelect(evt, out var value) ? (true, value) : (false, null);
        }
    }

    private string Render(Func<string, (bool Found, JsonNode? Value)> resolve)
    {
        var text = new StringBuilder(InputTemplate.Length * 2);
        foreach (var part in parts)
        {
            if (part is string literal)
            {
                text.Append(literal);
                continue;
            }
            var placeholder = (Placeholder)part;
            var (found, value) = resolve(placeholder.Name);
            if (!placeholder.InString) text.Append(found ? value?.ToJsonString() ?? "null" : "null");
            else if (found)
            {
                var raw = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? JsonText.GetString(v)
                    : value?.ToJsonString() ?? "null";
                text.Append(JsonEncodedText.Encode(raw, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value);
            }
        }
        return text.ToString();
    }

    private void ParseTemplate(string template)
    {
        var literal = new StringBuilder();
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (inString && c == '\\' && i + 1 < template.Length)
            {
                literal.Append(c).Append(template[++i]);
                continue;
            }
            if (c == '"') inString = !inString;
            if (c == '<' && TryReadName(template, i + 1, out var name))
            {
                if (!paths.ContainsKey(name) && !Predefined.Contains(name))
                    throw Error("InputTemplate", $"unknown placeholder <{name}>; define it in InputPathsMap "
                        + $"or use one of {string.Join(", ", Predefined.Select(p => $"<{p}>"))}");
                parts.Add(literal.ToString());
                literal.Clear();
                parts.Add(new Placeholder(name, inString));
                i += name.Length + 1;
                continue;
            }
            literal.Append(c);
        }
        parts.Add(literal.ToString());
    }

    private static bool TryReadName(string template, int start, out string name)
    {
        var end = start;
        while (end < template.Length && (IsNameChar(template[end]) || template[end] == '.')) end++;
        name = template[start..end];
        return end > start && end < template.Length && template[end] == '>';
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private sealed record Placeholder(string Name, bool InString);
}

/// <summary>The JSONPath subset EventBridge paths use: <c>$</c>, <c>.name</c>, <c>['name']</c> and <c>[index]</c>.</summary>
internal sealed class JsonPath
{
    private readonly object[] steps; // string: property name; int: array index

    private JsonPath(string text, object[] steps)
    {
        Text = text;
        this.steps = steps;
    }

    public string Text { get; }

    public static JsonPath Parse(string text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Fail(field, text, "must not be empty");
        if (text[0] != '$') throw Fail(field, text, "must start with $ (the event)");
        var steps = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '[')) i++;
                var name = text[start..i];
                if (name.Length == 0) throw Fail(field, text, $"empty field name at position {start} (recursive descent .. is not supported)");
                if (name.Contains('*', StringComparison.Ordinal)) throw Fail(field, text, "wildcards are not supported");
                steps.Add(name);
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0) throw Fail(field, text, $"[ at position {i} is not closed");
                var inside = text[(i + 1)..close];
                if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0]) steps.Add(inside[1..^1]);
                else if (inside.Length > 0 && inside.All(char.IsAsciiDigit)) steps.Add(int.Parse(inside, System.Globalization.CultureInfo.InvariantCulture));
                else throw Fail(field, text, $"[{inside}] is not supported; use an index like [0] or a quoted name like ['name']");
                i = close + 1;
            }
            else throw Fail(field, text, $"unexpected '{text[i]}' at position {i}; expected . or [");
        }
        return new JsonPath(text, [.. steps]);
    }

    /// <returns>false when the path does not exist in the node (distinct from a JSON null found there).</returns>
    public bool TrySelect(JsonNode? node, out JsonNode? value)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case string name when node is JsonObject obj && obj.TryGetPropertyValue(name, out var child):
                    node = child;
                    break;
                case int index when node is JsonArray array && index < array.Count:
                    node = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        value = node;
        return true;
    }

    private static InvalidInputTransformerException Fail(string field, string text, string problem) =>
        new(field, $"JSONPath \"{text}\" {problem}");
}
