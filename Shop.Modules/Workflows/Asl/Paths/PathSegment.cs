using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>One step of a JSONPath.</summary>
internal abstract class PathSegment
{
    public abstract bool IsDefinite { get; }

    public abstract string Canonical { get; }

    /// <summary>Everything this step matches from <paramref name="node"/> (indefinite evaluation: misses are skipped).</summary>
    public abstract IEnumerable<JsonNode?> Select(JsonNode? node);

    /// <summary>Definite evaluation: the one match, or false.</summary>
    public virtual bool TrySelectOne(JsonNode? node, out JsonNode? value)
    {
        foreach (var match in Select(node))
        {
            value = match;
            return true;
        }
        value = null;
        return false;
    }

    internal static string Quote(string name) => "'" + name.Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

internal sealed class NameSegment(IReadOnlyList<string> names) : PathSegment
{
    public IReadOnlyList<string> Names { get; } = names;

    public override bool IsDefinite => Names.Count == 1;

    public override string Canonical => "[" + string.Join(",", Names.Select(Quote)) + "]";

    public override IEnumerable<JsonNode?> Select(JsonNode? node)
    {
        if (node is not JsonObject o) yield break;
        foreach (var name in Names)
            if (o.TryGetPropertyValue(name, out var value)) yield return value;
    }
}

internal sealed class WildcardSegment : PathSegment
{
    public override bool IsDefinite => false;

    public override string Canonical => "[*]";

    public override IEnumerable<JsonNode?> Select(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value),
        JsonArray a => a,
        _ => [],
    };
}

internal sealed class IndexSegment(IReadOnlyList<int> indexes) : PathSegment
{
    public IReadOnlyList<int> Indexes { get; } = indexes;

    public override bool IsDefinite => Indexes.Count == 1;

    public override string Canonical => "[" + string.Join(",", Indexes) + "]";

    public override IEnumerable<JsonNode?> Select(JsonNode? node)
    {
        if (node is not JsonArray a) yield break;
        foreach (var index in Indexes)
        {
            var i = index < 0 ? a.Count + index : index;
            if (i >= 0 && i < a.Count) yield return a[i];
        }
    }
}

internal sealed class SliceSegment(int? start, int? end, int? step) : PathSegment
{
    public override bool IsDefinite => false;

    public override string Canonical => $"[{start}:{end}{(step is null ? "" : ":" + step)}]";

    public override IEnumerable<JsonNode?> Select(JsonNode? node)
    {
        if (node is not JsonArray a) yield break;
        var n = a.Count;
        var by = step is null or 0 ? 1 : step.Value;
        if (by > 0)
        {
            var from = Clamp(start ?? 0, n);
            var to = Clamp(end ?? n, n);
            for (var i = from; i < to; i += by) yield return a[i];
        }
        else
        {
            var from = start is { } s ? Math.Min(s < 0 ? s + n : s, n - 1) : n - 1;
            var to = end is { } e ? (e < 0 ? e + n : e) : -1;
            for (var i = from; i > to && i >= 0; i += by) yield return a[i];
        }
    }

    private static int Clamp(int index, int count) => Math.Clamp(index < 0 ? index + count : index, 0, count);
}

/// <summary><c>..x</c>: the inner step applied to the node and to every node below it.</summary>
internal sealed class DeepScanSegment(PathSegment inner) : PathSegment
{
    public override bool IsDefinite => false;

    public override string Canonical => ".." + inner.Canonical;

    public override IEnumerable<JsonNode?> Select(JsonNode? node)
    {
        foreach (var match in inner.Select(node)) yield return match;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value).ToList(),
            JsonArray a => a.ToList(),
            _ => [],
        };
        foreach (var child in children)
            foreach (var match in Select(child))
                yield return match;
    }
}

/// <summary><c>[?(@.x == 1)]</c>: the elements of an array (or an object itself) for which the predicate holds.</summary>
internal sealed class FilterSegment(string text, FilterExpression predicate) : PathSegment
{
    public override bool IsDefinite => false;

    public override string Canonical => $"[?({text})]";

    public override IEnumerable<JsonNode?> Select(JsonNode? node)
    {
        if (node is JsonArray a)
        {
            foreach (var item in a)
                if (predicate.IsTrue(item)) yield return item;
        }
        else if (node is JsonObject && predicate.IsTrue(node))
        {
            yield return node;
        }
    }
}
