using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Kernel.Patterns;

/// <summary>
/// An EventBridge event pattern, validated and compiled once into a small matcher tree.
/// Semantics follow the EventBridge documentation: fields of an object are ANDed, the values of a leaf array
/// are ORed, <c>$or</c> ORs whole sub-patterns, and an event value that is an array matches when any of its
/// elements does (objects inside arrays are matched element by element).
/// </summary>
public sealed class EventPattern
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true };

    // Patterns are shown to people: keep '<', '>' and non-ASCII readable.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ObjectMatcher root;

    private EventPattern(ObjectMatcher root, string json)
    {
        this.root = root;
        Json = json;
    }

    /// <summary>The pattern as compact JSON.</summary>
    public string Json { get; }

    /// <exception cref="InvalidEventPatternException">The text is not a valid pattern; the message says where.</exception>
    public static EventPattern Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidEventPatternException("pattern", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = PatternParser.ParseObject(document.RootElement, "");
            return new EventPattern(root, JsonSerializer.Serialize(document.RootElement, Readable));
        }
    }

    /// <exception cref="InvalidEventPatternException">The node is not a valid pattern.</exception>
    public static EventPattern Parse(JsonNode pattern) => Parse(pattern.ToJsonString());

    /// <summary>Does the event (a full envelope: source, detail-type, detail, ...) match?</summary>
    public bool Matches(JsonNode? evt) => root.Matches(evt as JsonObject);

    public bool Matches(EventEnvelope evt) => Matches(ToNode(evt));

    public override string ToString() => Json;

    internal static JsonNode ToNode(EventEnvelope evt) => JsonSerializer.SerializeToNode(evt, EventEnvelope.Json)!;
}

/// <summary>Turns pattern JSON into matchers; every error names the path of the offending field.</summary>
internal static class PatternParser
{
    private const string Operators = "prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr";
    private const double NumericLimit = 1e9;

    public static ObjectMatcher ParseObject(JsonElement element, string path)
    {
        var where = path.Length == 0 ? "pattern" : path;
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(where, $"must be a JSON object, found {Describe(element.ValueKind)}");

        // A key given twice: the last one counts, as in EventBridge.
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject()) members[property.Name] = property.Value;
        if (members.Count == 0) throw Error(where, "must have at least one field");

        var fields = new List<FieldMatcher>();
        var ors = new List<ObjectMatcher[]>();
        foreach (var (name, value) in members)
        {
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (name == "$or") ors.Add(ParseOr(value, fieldPath));
            else if (value.ValueKind == JsonValueKind.Array) fields.Add(ParseLeaf(name, value, fieldPath));
            else if (value.ValueKind == JsonValueKind.Object) fields.Add(new NestedField(name, ParseObject(value, fieldPath)));
            else throw Error(fieldPath, $"expected an array of values to match or a nested object, found {Describe(value.ValueKind)}");
        }
        return new ObjectMatcher([.. fields], [.. ors]);
    }

    private static ObjectMatcher[] ParseOr(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < 2)
            throw Error(path, "$or expects an array of at least two patterns");
        return [.. value.EnumerateArray().Select((alternative, i) => ParseObject(alternative, $"{path}[{i}]"))];
    }

    private static LeafField ParseLeaf(string name, JsonElement values, string path)
    {
        if (values.GetArrayLength() == 0) throw Error(path, "the array of values to match must not be empty");
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var matchers = new List<ValueMatcher>();
        foreach (var value in values.EnumerateArray())
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: exact.Add(value.GetString()!); break;
                case JsonValueKind.Number: matchers.Add(new ExactNumber(value.GetDouble())); break;
                case JsonValueKind.Object: matchers.Add(ParseOperator(value, path)); break;
                case JsonValueKind.Array: throw Error(path, "values to match cannot be nested arrays");
                default: matchers.Add(new ExactLiteral(value.ValueKind)); break; // true, false, null
            }
        }
        if (exact.Count > 0) matchers.Insert(0, new ExactStrings(exact));
        return new LeafField(name, [.. matchers]);
    }

    private static ValueMatcher ParseOperator(JsonElement element, string path)
    {
        var (op, value) = SingleMember(element, path, "an operator object");
        return op switch
        {
            "prefix" => ParseAffix(value, path, op, suffix: false),
            "suffix" => ParseAffix(value, path, op, suffix: true),
            "equals-ignore-case" => new EqualsIgnoreCase(RequireString(value, path, op)),
            "wildcard" => new Wildcard(Glob.Parse(RequireString(value, path, op), path)),
            "anything-but" => ParseAnythingBut(value, path),
            "numeric" => ParseNumeric(value, path),
            "exists" => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? new Exists(value.GetBoolean())
                : throw Error(path, $"exists expects true or false, found {Describe(value.ValueKind)}"),
            "cidr" => Cidr.Parse(RequireString(value, path, op), path),
            _ => throw Error(path, $"unknown operator \"{op}\"; expected one of {Operators}"),
        };
    }

    private static ValueMatcher ParseAffix(JsonElement value, string path, string op, bool suffix)
    {
        var ignoreCase = false;
        if (value.ValueKind == JsonValueKind.Object)
        {
            var (inner, text) = SingleMember(value, path, $"the object of {op}");
            if (inner != "equals-ignore-case" || text.ValueKind != JsonValueKind.String)
                throw Error(path, $"{op} expects a string or {{\"equals-ignore-case\": \"...\"}}");
            value = text;
            ignoreCase = true;
        }
        if (value.ValueKind != JsonValueKind.String)
            throw Error(path, $"{op} expects a string or {{\"equals-ignore-case\": \"...\"}}, found {Describe(value.ValueKind)}");
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return suffix ? new Suffix(value.GetString()!, comparison) : new Prefix(value.GetString()!, comparison);
    }

    private static AnythingBut ParseAnythingBut(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new AnythingBut([new ExactStrings([value.GetString()!])]);
            case JsonValueKind.Number:
                return new AnythingBut([new ExactNumber(value.GetDouble())]);
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                if (items.Count > 0 && items.All(i => i.ValueKind == JsonValueKind.String))
                    return new AnythingBut([new ExactStrings(items.Select(i => i.GetString()!))]);
                if (items.Count > 0 && items.All(i => i.ValueKind == JsonValueKind.Number))
                    return new AnythingBut([.. items.Select(i => new ExactNumber(i.GetDouble()))]);
                throw Error(path, "anything-but expects a non-empty list of only strings or only numbers");
            case JsonValueKind.Object:
                var (op, inner) = SingleMember(value, path, "the object of anything-but");
                return op switch
                {
                    "prefix" or "suffix" when inner.ValueKind != JsonValueKind.String =>
                        throw Error(path, $"anything-but {op} expects a single string"),
                    "prefix" => new AnythingBut([new Prefix(inner.GetString()!, StringComparison.Ordinal)]),
                    "suffix" => new AnythingBut([new Suffix(inner.GetString()!, StringComparison.Ordinal)]),
                    "equals-ignore-case" => new AnythingBut([.. StringOrStrings(inner, path, op).Select(s => new EqualsIgnoreCase(s))]),
                    "wildcard" => new AnythingBut([.. StringOrStrings(inner, path, op).Select(s => new Wildcard(Glob.Parse(s, path)))]),
                    _ => throw Error(path, $"anything-but supports prefix, suffix, equals-ignore-case or wildcard, not \"{op}\""),
                };
            default:
                throw Error(path, "anything-but expects a string, a number, a list of strings or numbers, "
                    + $"or an object with prefix, suffix, equals-ignore-case or wildcard; found {Describe(value.ValueKind)}");
        }
    }

    private static Numeric ParseNumeric(JsonElement value, string path)
    {
        const string shape = "numeric operator expects pairs of comparison and number, like [\">\", 0, \"<=\", 5]";
        if (value.ValueKind != JsonValueKind.Array) throw Error(path, shape);
        var items = value.EnumerateArray().ToList();
        if (items.Count is not (2 or 4)) throw Error(path, shape);
        var comparisons = new List<(string Op, double Number)>();
        for (var i = 0; i < items.Count; i += 2)
        {
            if (items[i].ValueKind != JsonValueKind.String || items[i + 1].ValueKind != JsonValueKind.Number) throw Error(path, shape);
            var op = items[i].GetString()!;
            if (op is not ("=" or "<" or "<=" or ">" or ">="))
                throw Error(path, $"numeric comparison \"{op}\" is unknown; expected =, <, <=, > or >=");
            var number = items[i + 1].GetDouble();
            if (Math.Abs(number) > NumericLimit)
                throw Error(path, $"numeric value {number.ToString(CultureInfo.InvariantCulture)} is out of range; values must be between -1e9 and 1e9");
            comparisons.Add((op, number));
        }

        if (comparisons.Count == 1)
        {
            var (op, n) = comparisons[0];
            return op switch
            {
                "=" => new Numeric(n, true, n, true),
                "<" => new Numeric(double.NegativeInfinity, false, n, false),
                "<=" => new Numeric(double.NegativeInfinity, false, n, true),
                ">" => new Numeric(n, false, double.PositiveInfinity, false),
                _ => new Numeric(n, true, double.PositiveInfinity, false),
            };
        }
        var (lowOp, low) = comparisons[0];
        var (highOp, high) = comparisons[1];
        if (lowOp is not (">" or ">=") || highOp is not ("<" or "<="))
            throw Error(path, "a numeric range must be a lower bound (> or >=) followed by an upper bound (< or <=)");
        if (low >= high)
            throw Error(path, $"numeric range is empty: lower bound {low.ToString(CultureInfo.InvariantCulture)} "
                + $"must be below upper bound {high.ToString(CultureInfo.InvariantCulture)}");
        return new Numeric(low, lowOp == ">=", high, highOp == "<=");
    }

    private static (string Name, JsonElement Value) SingleMember(JsonElement element, string path, string what)
    {
        var members = element.EnumerateObject().ToList();
        if (members.Count != 1)
            throw Error(path, $"{what} must have exactly one key, found {members.Count}");
        return (members[0].Name, members[0].Value);
    }

    private static string RequireString(JsonElement value, string path, string op) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(path, $"{op} expects a string, found {Describe(value.ValueKind)}");

    private static List<string> StringOrStrings(JsonElement value, string path, string op)
    {
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            return [.. value.EnumerateArray().Select(v => v.GetString()!)];
        throw Error(path, $"anything-but {op} expects a string or a non-empty list of strings");
    }

    internal static InvalidEventPatternException Error(string path, string problem) => new(path, problem);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

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

/// <summary>A JSON leaf read once (string, number, true, false or null) and shared by all matchers of a field.</summary>
internal readonly struct Leaf(JsonValueKind kind, string? text, double number)
{
    public JsonValueKind Kind { get; } = kind;
    public string? Text { get; } = text;
    public double Number { get; } = number;

    public static Leaf From(JsonNode? node)
    {
        if (node is null) return new Leaf(JsonValueKind.Null, null, 0);
        var value = node.AsValue();
        var kind = value.GetValueKind();
        return kind switch
        {
            JsonValueKind.String => new Leaf(kind, JsonText.GetString(value), 0),
            JsonValueKind.Number => new Leaf(kind, null, value.TryGetValue<double>(out var d)
                ? d
                : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)),
            _ => new Leaf(kind, null, 0),
        };
    }
}

internal static class JsonText
{
    /// <summary>The string of a string-kind JsonValue, whatever CLR value backs it (parsed, string, Guid, DateTimeOffset...).</summary>
    public static string GetString(JsonValue value) =>
        value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
}

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

/// <summary>IPv4 or IPv6 range; the event value must be an address string of the same family.</summary>
internal sealed class Cidr(byte[] network, int bits) : ValueMatcher
{
    public static Cidr Parse(string text, string path)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!addressText.Contains('.', StringComparison.Ordinal) && !addressText.Contains(':', StringComparison.Ordinal)
            || !IPAddress.TryParse(addressText, out var address))
            throw PatternParser.Error(path, $"cidr \"{text}\" is not an IP address or range like 10.0.0.0/24");
        var bytes = address.GetAddressBytes();
        var bits = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > bytes.Length * 8))
            throw PatternParser.Error(path, $"cidr \"{text}\" has an invalid prefix length; expected 0 to {bytes.Length * 8}");
        return new Cidr(bytes, bits);
    }

    public override bool Matches(in Leaf leaf)
    {
        if (leaf.Kind != JsonValueKind.String || !IPAddress.TryParse(leaf.Text, out var address)) return false;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length) || length != network.Length) return false;
        var full = bits / 8;
        if (!bytes[..full].SequenceEqual(network.AsSpan(0, full))) return false;
        var rest = bits % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[full] & mask) == (network[full] & mask);
    }
}

/// <summary>
/// A wildcard: <c>*</c> matches any run of characters, <c>\*</c> a literal star, <c>\\</c> a backslash;
/// consecutive stars and other escapes are refused, as in EventBridge.
/// </summary>
internal sealed class Glob
{
    // Literal pieces between the stars: "a*b" is ["a", "b"]; no star is one piece that must equal the value.
    private readonly string[] pieces;

    private Glob(string[] pieces) => this.pieces = pieces;

    public static Glob Parse(string text, string path)
    {
        var pieces = new List<string>();
        var current = new System.Text.StringBuilder();
        var afterStar = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var star = c == '*';
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('*' or '\\'))
                    throw PatternParser.Error(path, $"wildcard \"{text}\": a backslash may only escape * or \\");
                current.Append(text[++i]);
            }
            else if (c == '*')
            {
                if (afterStar)
                    throw PatternParser.Error(path, $"wildcard \"{text}\": consecutive * are not allowed");
                pieces.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
            afterStar = star;
        }
        pieces.Add(current.ToString());
        return new Glob([.. pieces]);
    }

    public bool IsMatch(string value)
    {
        if (pieces.Length == 1) return value == pieces[0];
        string first = pieces[0], last = pieces[^1];
        if (value.Length < first.Length + last.Length
            || !value.StartsWith(first, StringComparison.Ordinal)
            || !value.EndsWith(last, StringComparison.Ordinal)) return false;
        // Leftmost placement of each middle piece is optimal when the only wildcard is '*'.
        var position = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = value.IndexOf(pieces[i], position, end - position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + pieces[i].Length;
        }
        return true;
    }
}
