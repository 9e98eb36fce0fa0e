using System.Globalization;
using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Tables.Items;

/// <summary>
/// DynamoDB's attribute-value JSON (<c>{"S": "x"}</c>, <c>{"N": "1.5"}</c>, <c>{"M": {...}}</c>, ...): validation,
/// number normalisation, equality and ordering. Numbers are decimals (DynamoDB keeps 38 digits; a decimal 28).
/// </summary>
internal static class AttributeValue
{
    private static readonly HashSet<string> Types = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"];

    /// <summary>The value's type, checking its shape; a normalised copy (numbers canonical, sets deduplicated).</summary>
    public static JsonObject Normalize(JsonNode? value, string where)
    {
        if (value is not JsonObject obj || obj.Count != 1)
            throw TableException.Validation($"{where}: an attribute value must be an object with exactly one type member (S, N, B, BOOL, NULL, M, L, SS, NS, BS).");
        var (type, inner) = obj.First();
        if (!Types.Contains(type)) throw TableException.Validation($"{where}: unknown attribute value type '{type}'.");
        JsonNode result = type switch
        {
            "S" or "B" => Text(inner, where, type),
            "N" => Format(Number(inner, where)),
            "BOOL" => inner is JsonValue b && b.TryGetValue<bool>(out var flag) ? flag
                : throw TableException.Validation($"{where}: BOOL must be true or false."),
            "NULL" => inner is JsonValue n && n.TryGetValue<bool>(out var isNull) && isNull ? true
                : throw TableException.Validation($"{where}: NULL must be true."),
            "M" => NormalizeMap(inner as JsonObject ?? throw TableException.Validation($"{where}: M must be an object."), where),
            "L" => new JsonArray((inner as JsonArray ?? throw TableException.Validation($"{where}: L must be an array."))
                .Select((v, i) => (JsonNode)Normalize(v, $"{where}[{i}]")).ToArray()),
            _ => NormalizeSet(type, inner, where),
        };
        return new JsonObject { [type] = result };
    }

    public static JsonObject NormalizeMap(JsonObject map, string where)
    {
        var result = new JsonObject();
        foreach (var (name, value) in map)
        {
            if (name.Length == 0) throw TableException.Validation($"{where}: an attribute name must not be empty.");
            result[name] = Normalize(value, where.Length == 0 ? name : $"{where}.{name}");
        }
        return result;
    }

    private static JsonArray NormalizeSet(string type, JsonNode? inner, string where)
    {
        if (inner is not JsonArray array || array.Count == 0)
            throw TableException.Validation($"{where}: {type} must be a non-empty array (an empty set is not allowed).");
        var seen = new List<string>();
        foreach (var member in array)
        {
            var text = type == "NS" ? Format(Number(member, where)) : Text(member, where, type);
            if (seen.Contains(text)) throw TableException.Validation($"{where}: the set {type} has duplicate values.");
            seen.Add(text);
        }
        return new JsonArray(seen.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
    }

    private static string Text(JsonNode? node, string where, string type) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw TableException.Validation($"{where}: {type} must be a string.");

    public static decimal Number(JsonNode? node, string where)
    {
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw TableException.Validation($"{where}: N must be a string holding a number.");
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
            : throw TableException.Validation($"{where}: '{text}' is not a number DynamoDB can store.");
    }

    public static string Format(decimal number)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    public static string TypeOf(JsonObject value) => value.First().Key;

    public static JsonNode? Inner(JsonObject value) => value.First().Value;

    public static JsonObject OfNumber(decimal number) => new() { ["N"] = Format(number) };

    /// <summary>Equal as DynamoDB compares: same type, numbers by value, sets in any order.</summary>
    public static bool Equal(JsonObject a, JsonObject b)
    {
        var type = TypeOf(a);
        if (type != TypeOf(b)) return false;
        return type switch
        {
            "N" => Number(Inner(a), "") == Number(Inner(b), ""),
            "SS" or "BS" => SetOf(a).SetEquals(SetOf(b)),
            "NS" => NumberSet(a).SetEquals(NumberSet(b)),
            "M" => MapsEqual((JsonObject)Inner(a)!, (JsonObject)Inner(b)!),
            "L" => ((JsonArray)Inner(a)!).Count == ((JsonArray)Inner(b)!).Count
                && ((JsonArray)Inner(a)!).Zip((JsonArray)Inner(b)!).All(p => Equal((JsonObject)p.First!, (JsonObject)p.Second!)),
            _ => JsonNode.DeepEquals(Inner(a), Inner(b)),
        };
    }

    private static bool MapsEqual(JsonObject a, JsonObject b) =>
        a.Count == b.Count && a.All(p => b[p.Key] is JsonObject other && Equal((JsonObject)p.Value!, other));

    /// <summary>Order of two scalars of one type (S and B by bytes, N by value); null when not comparable.</summary>
    public static int? Compare(JsonObject a, JsonObject b)
    {
        var type = TypeOf(a);
        if (type != TypeOf(b)) return null;
        return type switch
        {
            "N" => Number(Inner(a), "").CompareTo(Number(Inner(b), "")),
            "S" or "B" => string.CompareOrdinal(Inner(a)!.GetValue<string>(), Inner(b)!.GetValue<string>()),
            _ => null,
        };
    }

    public static HashSet<string> SetOf(JsonObject set) => ((JsonArray)Inner(set)!).Select(n => n!.GetValue<string>()).ToHashSet();

    public static HashSet<decimal> NumberSet(JsonObject set) => ((JsonArray)Inner(set)!).Select(n => Number(n, "")).ToHashSet();

    /// <summary>Rough size in bytes as DynamoDB counts it (names plus values), for DescribeTable's TableSizeBytes.</summary>
    public static long Size(JsonObject item) => System.Text.Encoding.UTF8.GetByteCount(item.ToJsonString());
}
