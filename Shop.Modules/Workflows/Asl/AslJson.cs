using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>JSON helpers with Step Functions' conventions (compact text, JSON null as a C# null).</summary>
internal static class AslJson
{
    /// <summary>Compact, and quotes written as \" rather than \u0022 (what AWS's texts show).</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static string ToText(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return false;
        // A value made in code (JsonValue.Create(3L)) converts only to its own type: read it through its JSON text.
        return v.TryGetValue(out value)
            || double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        value = v.GetValue<string>();
        return true;
    }

    public static bool TryBool(JsonNode? node, out bool value)
    {
        value = false;
        var kind = Kind(node);
        if (kind is not (JsonValueKind.True or JsonValueKind.False)) return false;
        value = kind == JsonValueKind.True;
        return true;
    }

    /// <summary>An integral number (1, 1.0, 2e3); false for 1.5, strings, ...</summary>
    public static bool TryInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (!TryNumber(node, out var d) || d != Math.Floor(d) || double.IsInfinity(d) || Math.Abs(d) > long.MaxValue) return false;
        value = (long)d;
        return true;
    }

    /// <summary>A number as JSON: integral values without a fraction.</summary>
    public static JsonNode Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>
    /// How Step Functions (Java) prints a value inside States.Format or a message: strings bare, objects as
    /// <c>{a=1, b=[]}</c>, arrays as <c>[1, 2]</c>, null as <c>null</c>.
    /// </summary>
    public static string JavaText(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(", ", o.Select(p => p.Key + "=" + JavaText(p.Value))) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(JavaText)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => NumberText(v),
        _ => node.ToJsonString(),
    };

    private static string NumberText(JsonValue v)
    {
        var raw = v.ToJsonString();
        if (raw.Contains('e', StringComparison.OrdinalIgnoreCase) && v.TryGetValue<double>(out var d))
            return d.ToString("0.0###############E0", CultureInfo.InvariantCulture);
        return raw;
    }
}
