using System.Text.Json.Nodes;

// The structure of a pattern (objects, $or, nested fields, leaf arrays) and how it walks the event; the operators are in ValueMatchers.cs.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>The fields and <c>$or</c> groups of one pattern object; all must match.</summary>
internal sealed class ObjectMatcher(FieldMatcher[] fields, ObjectMatcher[][] ors)
{
    /// <param name="obj">null when the event has no object here: only "exists": false fields can match then.</param>
    public bool Matches(JsonObject? obj)
    {
        foreach (var field in fields)
        {
            JsonNode? value = null;
            var present = obj is not null && obj.TryGetPropertyValue(field.Name, out value);
            if (!field.Matches(present, value)) return false;
        }
        foreach (var alternatives in ors)
        {
            var any = false;
            foreach (var alternative in alternatives)
            {
                if (alternative.Matches(obj)) { any = true; break; }
            }
            if (!any) return false;
        }
        return true;
    }
}

internal abstract class FieldMatcher(string name)
{
    public string Name { get; } = name;

    public abstract bool Matches(bool present, JsonNode? value);
}

/// <summary>A nested pattern object; against an array of objects it must match within one element.</summary>
internal sealed class NestedField(string name, ObjectMatcher pattern) : FieldMatcher(name)
{
    public override bool Matches(bool present, JsonNode? value) => value switch
    {
        JsonObject obj => pattern.Matches(obj),
        JsonArray array => AnyElement(array),
        // Missing or a leaf: nothing underneath, as if the nested fields were absent.
        _ => pattern.Matches(null),
    };

    private bool AnyElement(JsonArray array)
    {
        if (array.Count == 0) return pattern.Matches(null);
        foreach (var element in array)
        {
            if (Matches(true, element)) return true;
        }
        return false;
    }
}

/// <summary>An array of values/operators; matches when any of them matches the event's leaf value(s).</summary>
internal sealed class LeafField : FieldMatcher
{
    private readonly ValueMatcher[] matchers;
    private readonly bool matchesAbsent;

    public LeafField(string name, ValueMatcher[] matchers) : base(name)
    {
        this.matchers = matchers;
        matchesAbsent = matchers.Any(m => m is Exists { ShouldExist: false });
    }

    public override bool Matches(bool present, JsonNode? value)
    {
        // Operators work on leaves only: an object (or an array without leaves) counts as absent.
        if (!present || value is JsonObject) return matchesAbsent;
        if (value is not JsonArray array) return Any(Leaf.From(value));
        var sawLeaf = false;
        var matched = AnyLeaf(array, ref sawLeaf);
        return sawLeaf ? matched : matchesAbsent;
    }

    private bool AnyLeaf(JsonArray array, ref bool sawLeaf)
    {
        foreach (var element in array)
        {
            if (element is JsonObject) continue;
            if (element is JsonArray inner)
            {
                if (AnyLeaf(inner, ref sawLeaf)) return true;
                continue;
            }
            sawLeaf = true;
            if (Any(Leaf.From(element))) return true;
        }
        return false;
    }

    private bool Any(in Leaf leaf)
    {
        foreach (var matcher in matchers)
        {
            if (matcher.Matches(leaf)) return true;
        }
        return false;
    }
}
