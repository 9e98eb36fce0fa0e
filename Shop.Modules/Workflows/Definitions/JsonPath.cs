using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

/// <summary>The small part of JSONPath that state data needs: "$" and "$.a.b" (field names only).</summary>
internal static class JsonPath
{
    public static string Validate(string path)
    {
        if (path != "$" && (!path.StartsWith("$.", StringComparison.Ordinal) || path.Split('.').Skip(1).Any(string.IsNullOrWhiteSpace)))
            throw new ArgumentException($"'{path}' is not a path like \"$\" or \"$.a.b\".", nameof(path));
        return path;
    }

    private static string[] Fields(string path) => path == "$" ? [] : path[2..].Split('.');

    public static JsonNode? Get(JsonNode? data, string path)
    {
        foreach (var field in Fields(path))
        {
            if (data is not JsonObject o || !o.TryGetPropertyValue(field, out data)) return null;
        }
        return data;
    }

    /// <summary>Step Functions' ResultPath: a copy of <paramref name="input"/> with <paramref name="result"/> placed at <paramref name="path"/>.</summary>
    public static JsonNode Merge(JsonNode input, JsonNode? result, string? path)
    {
        if (path is null) return input.DeepClone();
        var fields = Fields(path);
        if (fields.Length == 0) return result?.DeepClone() ?? new JsonObject();
        var root = input is JsonObject ? input.DeepClone().AsObject() : new JsonObject();
        var node = root;
        foreach (var field in fields[..^1])
        {
            if (node[field] is not JsonObject child)
            {
                child = new JsonObject();
                node[field] = child;
            }
            node = child;
        }
        node[fields[^1]] = result?.DeepClone();
        return root;
    }

    public static JsonNode Parse(string? json) => (json is null ? null : JsonNode.Parse(json)) ?? new JsonObject();

    /// <summary>A copy that keeps JSON null (a null node) null, without telling the compiler the original may be null.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>State data as stored: "null" stays JSON null (a null JsonNode, whatever the type says); no text at all is {}.</summary>
    public static JsonNode ParseData(string? json) => json is null ? new JsonObject() : JsonNode.Parse(json)!;
}
