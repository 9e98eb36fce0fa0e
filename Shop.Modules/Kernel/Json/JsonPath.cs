using System.Globalization;
using System.Text.Json.Nodes;

// Why here: EventBridge targets (InputPath, InputPathsMap), the engine's C# states (ResultPath, ItemsPath, SecondsPath,
// TimestampPath, a catcher's ResultPath) and a choreography's entity id all read "$.a.b[0]"-style paths. One reader in
// Kernel serves them all, so a path means the same thing wherever a person writes one.
namespace Shop.Modules.Kernel.Json;

/// <summary>
/// A plain JSON path that selects one value or nothing: <c>$</c> followed by <c>.name</c>, <c>['name']</c> and
/// <c>[index]</c> steps (the subset EventBridge paths use). The engine's dotted spelling (<c>$</c> or <c>$.a.b</c>, names
/// only, split at dots) is read by <see cref="Validate"/>, <see cref="Get"/> and <see cref="Merge"/>.
/// ASL's full JSONPath (wildcards, slices, filters, deep scan, <c>$$</c>) is <c>Workflows.Asl.AslPath</c>: Step Functions
/// answers those with Jayway's semantics (arrays of matches, "No results for path"), which only ASL wants.
/// </summary>
public sealed partial class JsonPath
{
    private readonly object[] steps; // string: property name; int: array index

    /// <summary>Reads an EventBridge-style path.</summary>
    /// <exception cref="FormatException">Not such a path; the message reads <c>JSONPath "text" problem</c>.</exception>
    public JsonPath(string text)
    {
        Text = text;
        steps = ParseSteps(text);
    }

    private JsonPath(string text, object[] steps)
    {
        Text = text;
        this.steps = steps;
    }

    public string Text { get; }

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

    public override string ToString() => Text;

    /// <summary>The engine's spelling: <c>$</c> or <c>$.a.b</c>; returns the path, throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string Validate(string path)
    {
        if (path != "$" && (!path.StartsWith("$.", StringComparison.Ordinal) || path.Split('.').Skip(1).Any(string.IsNullOrWhiteSpace)))
            throw new ArgumentException($"'{path}' is not a path like \"$\" or \"$.a.b\".", nameof(path));
        return path;
    }

    /// <summary>The value at a dotted path (<see cref="Validate"/>), or null when it is missing.</summary>
    public static JsonNode? Get(JsonNode? data, string path) =>
        Dotted(path).TrySelect(data, out var value) ? value : null;

    /// <summary>Step Functions' ResultPath: a copy of <paramref name="input"/> with <paramref name="result"/> placed at the dotted <paramref name="path"/>.</summary>
    public static JsonNode Merge(JsonNode input, JsonNode? result, string? path)
    {
        if (path is null) return input.DeepClone();
        var fields = Fields(path);
        if (fields.Length == 0) return result?.DeepClone() ?? new JsonObject();
        var root = input is JsonObject ? input.DeepClone().AsObject() : new JsonObject();
        var node = root;
        foreach (var field in fields[..^1])
        {
            if (node[field] is not JsonObject child)
            {
                child = new JsonObject();
                node[field] = child;
            }
            node = child;
        }
        node[fields[^1]] = result?.DeepClone();
        return root;
    }

    // The dotted spelling splits at dots only: what lies between two dots is a name, brackets included, as it always was.
    private static string[] Fields(string path) => path == "$" ? [] : path[2..].Split('.');

    private static JsonPath Dotted(string path) => new(path, Fields(path));

    private static object[] ParseSteps(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Fail(text, "must not be empty");
        if (text[0] != '$') throw Fail(text, "must start with $ (the event)");
        var steps = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '[')) i++;
                var name = text[start..i];
                if (name.Length == 0) throw Fail(text, $"empty field name at position {start} (recursive descent .. is not supported)");
                if (name.Contains('*', StringComparison.Ordinal)) throw Fail(text, "wildcards are not supported");
                steps.Add(name);
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0) throw Fail(text, $"[ at position {i} is not closed");
                var inside = text[(i + 1)..close];
                if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0]) steps.Add(inside[1..^1]);
                else if (inside.Length > 0 && inside.All(char.IsAsciiDigit)) steps.Add(int.Parse(inside, CultureInfo.InvariantCulture));
                else throw Fail(text, $"[{inside}] is not supported; use an index like [0] or a quoted name like ['name']");
                i = close + 1;
            }
            else throw Fail(text, $"unexpected '{text[i]}' at position {i}; expected . or [");
        }
        return [.. steps];
    }

    private static FormatException Fail(string text, string problem) => new($"JSONPath \"{text}\" {problem}");
}
