using System.Text.Json;

// The operators of a leaf array (exact, prefix, suffix, equals-ignore-case, wildcard, numeric, exists, anything-but); cidr and the wildcard's glob have files of their own.
namespace Shop.Modules.Kernel.Patterns;

internal abstract class ValueMatcher
{
    public abstract bool Matches(in Leaf leaf);
}

internal sealed class ExactStrings(IEnumerable<string> values) : ValueMatcher
{
    private readonly HashSet<string> values = new(values, StringComparer.Ordinal);

    public override bool Matches(in Leaf leaf) => leaf.Kind == JsonValueKind.String && values.Contains(leaf.Text!);
}

/// <summary>Numbers compare by value, so 300, 300.0 and 3.0e2 are equal.</summary>
internal sealed class ExactNumber(double value) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) => leaf.Kind == JsonValueKind.Number && leaf.Number == value;
}

internal sealed class ExactLiteral(JsonValueKind kind) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) => leaf.Kind == kind;
}

internal sealed class Prefix(string prefix, StringComparison comparison) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) => leaf.Kind == JsonValueKind.String && leaf.Text!.StartsWith(prefix, comparison);
}

internal sealed class Suffix(string suffix, StringComparison comparison) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) => leaf.Kind == JsonValueKind.String && leaf.Text!.EndsWith(suffix, comparison);
}

internal sealed class EqualsIgnoreCase(string value) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) =>
        leaf.Kind == JsonValueKind.String && string.Equals(leaf.Text, value, StringComparison.OrdinalIgnoreCase);
}

internal sealed class Wildcard(Glob glob) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) => leaf.Kind == JsonValueKind.String && glob.IsMatch(leaf.Text!);
}

internal sealed class Numeric(double low, bool lowInclusive, double high, bool highInclusive) : ValueMatcher
{
    public override bool Matches(in Leaf leaf) =>
        leaf.Kind == JsonValueKind.Number
        && (lowInclusive ? leaf.Number >= low : leaf.Number > low)
        && (highInclusive ? leaf.Number <= high : leaf.Number < high);
}

internal sealed class Exists(bool shouldExist) : ValueMatcher
{
    public bool ShouldExist { get; } = shouldExist;

    // Reached only for a present leaf; absence is decided by LeafField.
    public override bool Matches(in Leaf leaf) => ShouldExist;
}

/// <summary>Matches a present leaf none of the excluded matchers accepts (a missing field never matches).</summary>
internal sealed class AnythingBut(ValueMatcher[] excluded) : ValueMatcher
{
    public override bool Matches(in Leaf leaf)
    {
        foreach (var matcher in excluded)
        {
            if (matcher.Matches(leaf)) return false;
        }
        return true;
    }
}
