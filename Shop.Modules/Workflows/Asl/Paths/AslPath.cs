using System.Text;
using System.Text.Json.Nodes;

// Why this is not in Kernel/Json beside JsonPath (issue 15 asks for one JSON path reader, in Kernel): the two readers
// answer different questions, and sharing a parser would tie each one's refusals to the other's grammar.
// - Kernel's JsonPath is EventBridge's path: `$`, `.name`, `['name']`, `[0]` and nothing more (wildcards, `..`, filters
//   are refused with EventBridge-style messages); a missing value is "no value", never an error. Its dotted spelling for
//   the C# states splits at dots only. Rules, targets, choreographies and the engine's C# builders use it.
// - AslPath is Jayway's JSONPath as Step Functions runs it: wildcards, slices, unions, filters, deep scan, negative
//   indexes and `$$` (the context object); a definite path that misses fails ("No results for path", "Missing property
//   in path"), an indefinite one answers the array of matches. Only ASL wants that, and the 466 conformance cases pin it.
// A path in an ASL document is read here; a path anywhere else in the shop, with Kernel's JsonPath.
namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// A JSONPath as Step Functions evaluates it (Jayway's semantics): a definite path (names and indexes only)
/// gives one value or fails with "No results for path"; an indefinite one (wildcard, slice, filter, deep scan,
/// several indexes) gives the array of whatever matched, possibly empty. "$$..." reads the context object.
/// </summary>
internal sealed class AslPath
{
    private readonly IReadOnlyList<PathSegment> _segments;

    private AslPath(string text, bool context, IReadOnlyList<PathSegment> segments)
    {
        Text = text;
        IsContext = context;
        _segments = segments;
        IsDefinite = segments.All(s => s.IsDefinite);
    }

    public string Text { get; }

    /// <summary>Starts with "$$": evaluated against the context object.</summary>
    public bool IsContext { get; }

    public bool IsDefinite { get; }

    /// <summary>A reference path (ResultPath): names and single indexes only.</summary>
    public bool IsReference => !IsContext && _segments.All(s => s is NameSegment or IndexSegment { Indexes.Count: 1 });

    internal IReadOnlyList<PathSegment> Segments => _segments;

    public static bool LooksLikePath(string text) => text.StartsWith('$');

    /// <summary>Parses a path; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static AslPath Parse(string text) => new PathParser(text).Parse();

    public static bool TryParse(string text, out AslPath? path)
    {
        try
        {
            path = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            path = null;
            return false;
        }
    }

    internal static AslPath Create(string text, bool context, IReadOnlyList<PathSegment> segments) => new(text, context, segments);

    /// <summary>The value at this path; <see cref="PathNotFoundException"/> when a definite path matches nothing.</summary>
    public JsonNode? Evaluate(JsonNode? root)
    {
        if (IsDefinite)
        {
            var node = root;
            var done = new StringBuilder("$");
            for (var i = 0; i < _segments.Count; i++)
            {
                var segment = _segments[i];
                if (!segment.TrySelectOne(node, out var next))
                {
                    var leaf = i == _segments.Count - 1;
                    var at = done + segment.Canonical;
                    throw new PathNotFoundException(leaf || segment is IndexSegment ? $"No results for path: {at}" : $"Missing property in path {at}");
                }
                done.Append(segment.Canonical);
                node = next;
            }
            return node;
        }

        IEnumerable<JsonNode?> current = [root];
        foreach (var segment in _segments) current = current.SelectMany(segment.Select).ToList();
        return new JsonArray(current.Select(n => n?.DeepClone()).ToArray());
    }

    /// <summary>True when a definite path finds something (IsPresent); an indefinite one always "finds" its array.</summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode? value)
    {
        try
        {
            value = Evaluate(root);
            return true;
        }
        catch (PathNotFoundException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>Jayway's canonical spelling, e.g. <c>$['a'][0]</c>.</summary>
    public string Canonical => (IsContext ? "$$" : "$") + string.Concat(_segments.Select(s => s.Canonical));

    public override string ToString() => Text;
}

/// <summary>A definite path matched nothing (Jayway's PathNotFoundException).</summary>
internal sealed class PathNotFoundException(string message) : Exception(message);
