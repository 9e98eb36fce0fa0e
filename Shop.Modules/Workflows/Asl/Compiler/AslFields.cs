using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>Reads the fields of one state (or of the machine), refusing a wrong one with a message naming the state and the field.</summary>
internal sealed class AslFields(JsonObject node, string? state, string where)
{
    public JsonObject Node { get; } = node;

    public string? State { get; } = state;

    public bool Has(string field) => Node.ContainsKey(field);

    public InvalidDefinitionException Invalid(string field, string what) => Invalid(State, where, field, what);

    public static InvalidDefinitionException Invalid(string? state, string where, string field, string what) =>
        new(state is null
            ? $"Invalid State Machine Definition: field '{field}' at {where}/{field}: {what}"
            : $"Invalid State Machine Definition: state '{state}', field '{field}' at {where}/{field}: {what}");

    public string? String(string field, bool required = false)
    {
        if (!Node.TryGetPropertyValue(field, out var value) || value is null)
            return required ? throw Invalid(field, "is required") : null;
        return AslJson.TryString(value, out var s) ? s : throw Invalid(field, $"must be a string, not {AslJson.ToText(value)}");
    }

    public bool Bool(string field)
    {
        if (!Node.TryGetPropertyValue(field, out var value)) return false;
        return AslJson.TryBool(value, out var b) ? b : throw Invalid(field, $"must be true or false, not {AslJson.ToText(value)}");
    }

    public int? Int(string field, int min = 0, int max = int.MaxValue)
    {
        if (!Node.TryGetPropertyValue(field, out var value)) return null;
        if (!AslJson.TryInteger(value, out var l) || l < min || l > max)
            throw Invalid(field, $"must be an integer from {min} to {max}, not {AslJson.ToText(value)}");
        return (int)l;
    }

    public double? Number(string field, double min = double.MinValue)
    {
        if (!Node.TryGetPropertyValue(field, out var value)) return null;
        if (!AslJson.TryNumber(value, out var d) || d < min) throw Invalid(field, $"must be a number of at least {min}, not {AslJson.ToText(value)}");
        return d;
    }

    public JsonObject? Object(string field, bool required = false)
    {
        if (!Node.TryGetPropertyValue(field, out var value) || value is null)
            return required ? throw Invalid(field, "is required") : null;
        return value as JsonObject ?? throw Invalid(field, "must be a JSON object");
    }

    public JsonArray? Array(string field, bool required = false)
    {
        if (!Node.TryGetPropertyValue(field, out var value) || value is null)
            return required ? throw Invalid(field, "is required") : null;
        return value as JsonArray ?? throw Invalid(field, "must be a JSON array");
    }

    /// <summary>A path field: absent (null), explicitly null (Absent = false, Path = null) or a parsed path.</summary>
    public (bool Present, AslPath? Path) Path(string field, bool reference = false)
    {
        if (!Node.TryGetPropertyValue(field, out var value)) return (false, null);
        if (value is null) return (true, null);
        if (!AslJson.TryString(value, out var text)) throw Invalid(field, $"must be a path string or null, not {AslJson.ToText(value)}");
        try
        {
            var path = AslPath.Parse(text);
            if (reference && !path.IsReference) throw Invalid(field, $"'{text}' is not a reference path (names and single indexes only, no $$)");
            return (true, path);
        }
        catch (FormatException ex)
        {
            throw Invalid(field, ex.Message);
        }
    }

    /// <summary>A required path that must exist (SecondsPath, ItemsPath, ...), not null.</summary>
    public AslPath? OptionalPath(string field)
    {
        var (present, path) = Path(field);
        if (present && path is null) throw Invalid(field, "must be a path, not null");
        return path;
    }

    public PayloadTemplate? Template(string field)
    {
        if (!Node.TryGetPropertyValue(field, out var value)) return null;
        if (value is not JsonObject && field != "Parameters" && field != "ItemSelector") throw Invalid(field, "must be a JSON object");
        try
        {
            return PayloadTemplate.Compile(value);
        }
        catch (FormatException ex)
        {
            throw Invalid(field, ex.Message);
        }
    }

    public void OnlyFields(HashSet<string> allowed)
    {
        var unknown = Node.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k));
        if (unknown is not null) throw Invalid(unknown, "is not a field of this state type");
    }

    public static JsonObject ParseDocument(string document)
    {
        JsonNode? root;
        try
        {
            // Kernel's strict reader: a duplicate key or a lone surrogate is refused here, not met later as a 500.
            root = Kernel.Http.JsonBody.Parse(document, "definition");
        }
        catch (Kernel.Http.InvalidInputException ex)
        {
            throw new InvalidDefinitionException($"Invalid State Machine Definition: the definition is not valid JSON: {ex.Message}");
        }
        return root as JsonObject ?? throw new InvalidDefinitionException("Invalid State Machine Definition: the definition must be a JSON object.");
    }
}
