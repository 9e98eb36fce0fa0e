using System.Globalization;
using System.Text.Json;

// Validation is most of the code of patterns and all of their error messages: kept apart from matching.
namespace Shop.Modules.Kernel.Patterns;

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
