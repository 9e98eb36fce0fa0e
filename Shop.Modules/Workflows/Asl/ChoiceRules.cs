using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// Compiles a Choice rule (a comparison, And, Or, Not) into a predicate over the state's effective input.
/// A value of another type than the operator compares is simply not a match; a Variable that is not there
/// is States.Runtime (IsPresent aside), as in Step Functions.
/// </summary>
internal static class ChoiceRules
{
    private static readonly string[] Kinds = ["String", "Numeric", "Boolean", "Timestamp"];
    private static readonly string[] Relations = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"];
    private static readonly string[] Tests = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"];

    public static readonly HashSet<string> Comparisons = BuildComparisons();

    private static HashSet<string> BuildComparisons()
    {
        var all = new HashSet<string>(StringComparer.Ordinal) { "StringMatches" };
        foreach (var kind in Kinds)
            foreach (var relation in Relations)
            {
                if (kind == "Boolean" && relation != "Equals") continue;
                all.Add(kind + relation);
                all.Add(kind + relation + "Path");
            }
        foreach (var test in Tests) all.Add(test);
        return all;
    }

    /// <summary>Throws <see cref="FormatException"/> saying which field is wrong.</summary>
    public static Func<AslScope, bool> Compile(JsonObject rule, bool topLevel)
    {
        if (!topLevel && rule.ContainsKey("Next")) throw new FormatException("a nested rule (in And, Or or Not) must not have 'Next'");
        if (rule["And"] is { } and) return All(Rules(and, "And"), all: true);
        if (rule["Or"] is { } or) return All(Rules(or, "Or"), all: false);
        if (rule["Not"] is { } not)
        {
            if (not is not JsonObject inner) throw new FormatException("'Not' must be one rule object");
            var predicate = Compile(inner, topLevel: false);
            return scope => !predicate(scope);
        }

        if (!AslJson.TryString(rule["Variable"], out var variable)) throw new FormatException("a comparison needs 'Variable' (a path)");
        var path = ParsePath(variable, "Variable");
        var operators = rule.Select(p => p.Key).Where(Comparisons.Contains).ToArray();
        if (operators.Length != 1)
            throw new FormatException(operators.Length == 0 ? "a comparison needs exactly one operator (StringEquals, NumericLessThan, IsPresent, ...)" : $"a comparison has more than one operator ({string.Join(", ", operators)})");
        var op = operators[0];
        var unknown = rule.Select(p => p.Key).FirstOrDefault(k => k is not ("Variable" or "Next" or "Comment") && k != op);
        if (unknown is not null) throw new FormatException($"'{unknown}' is not a field of a comparison");
        return Comparison(path, op, rule[op]);
    }

    private static Func<AslScope, bool>[] Rules(JsonNode node, string field)
    {
        if (node is not JsonArray { Count: > 0 } array || array.Any(r => r is not JsonObject))
            throw new FormatException($"'{field}' must be a non-empty array of rules");
        return array.Select(r => Compile((JsonObject)r!, topLevel: false)).ToArray();
    }

    private static Func<AslScope, bool> All(Func<AslScope, bool>[] rules, bool all) =>
        all ? scope => rules.All(r => r(scope)) : scope => rules.Any(r => r(scope));

    private static AslPath ParsePath(string text, string field)
    {
        try
        {
            return AslPath.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"'{field}': {ex.Message}");
        }
    }

    private static Func<AslScope, bool> Comparison(AslPath variable, string op, JsonNode? operand)
    {
        if (op.StartsWith("Is", StringComparison.Ordinal))
        {
            if (!AslJson.TryBool(operand, out var expected)) throw new FormatException($"'{op}' must be true or false");
            if (op == "IsPresent") return scope => scope.TryRead(variable, out _) == expected;
            Func<JsonNode?, bool> test = op switch
            {
                "IsNull" => v => v is null,
                "IsNumeric" => v => AslJson.TryNumber(v, out _),
                "IsString" => v => AslJson.TryString(v, out _),
                "IsBoolean" => v => AslJson.TryBool(v, out _),
                _ => v => AslJson.TryString(v, out var s) && Timestamps.TryParse(s, out _),
            };
            return scope => test(Read(scope, variable)) == expected;
        }

        if (op == "StringMatches")
        {
            if (!AslJson.TryString(operand, out var pattern)) throw new FormatException("'StringMatches' must be a string");
            var regex = Wildcards(pattern);
            return scope => AslJson.TryString(Read(scope, variable), out var s) && regex.IsMatch(s);
        }

        var kind = Kinds.First(k => op.StartsWith(k, StringComparison.Ordinal));
        var relation = op[kind.Length..];
        var byPath = relation.EndsWith("Path", StringComparison.Ordinal);
        if (byPath) relation = relation[..^4];
        Func<JsonNode?, JsonNode?, bool> compare = (a, b) => Compare(kind, relation, a, b);

        if (byPath)
        {
            if (!AslJson.TryString(operand, out var otherText)) throw new FormatException($"'{op}' must be a path");
            var other = ParsePath(otherText, op);
            return scope => compare(Read(scope, variable), Read(scope, other));
        }
        CheckLiteral(kind, op, operand);
        var literal = operand?.DeepClone();
        return scope => compare(Read(scope, variable), literal);
    }

    private static void CheckLiteral(string kind, string op, JsonNode? operand)
    {
        var ok = kind switch
        {
            "String" => AslJson.TryString(operand, out _),
            "Numeric" => AslJson.TryNumber(operand, out _),
            "Boolean" => AslJson.TryBool(operand, out _),
            _ => AslJson.TryString(operand, out var s) && Timestamps.TryParse(s, out _),
        };
        if (!ok) throw new FormatException($"'{op}' must be {(kind == "Timestamp" ? "an RFC 3339 timestamp string" : "a " + kind.ToLowerInvariant() + " value")}, not {AslJson.ToText(operand)}");
    }

    private static bool Compare(string kind, string relation, JsonNode? a, JsonNode? b)
    {
        int order;
        switch (kind)
        {
            case "String":
                if (!AslJson.TryString(a, out var s) || !AslJson.TryString(b, out var t)) return false;
                order = string.CompareOrdinal(s, t);
                break;
            case "Numeric":
                if (!AslJson.TryNumber(a, out var x) || !AslJson.TryNumber(b, out var y)) return false;
                order = x.CompareTo(y);
                break;
            case "Boolean":
                return AslJson.TryBool(a, out var p) && AslJson.TryBool(b, out var q) && p == q;
            default:
                if (!AslJson.TryString(a, out var ta) || !AslJson.TryString(b, out var tb)
                    || !Timestamps.TryParse(ta, out var da) || !Timestamps.TryParse(tb, out var db)) return false;
                order = da.CompareTo(db);
                break;
        }
        return relation switch
        {
            "Equals" => order == 0,
            "LessThan" => order < 0,
            "GreaterThan" => order > 0,
            "LessThanEquals" => order <= 0,
            _ => order >= 0,
        };
    }

    private static JsonNode? Read(AslScope scope, AslPath path) => scope.TryRead(path, out var value)
        ? value
        : throw scope.Runtime($"Invalid path '{path.Text}': The choice state's condition path references an invalid value.");

    /// <summary>StringMatches: * is any run of characters; \* a star, \\ a backslash.</summary>
    private static Regex Wildcards(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '*') regex.Append(".*");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
