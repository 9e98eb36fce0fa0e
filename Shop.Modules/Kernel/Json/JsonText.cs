using System.Text.Json;
using System.Text.Json.Nodes;

// Why here: event patterns and target inputs both read strings out of events built in code as well as parsed ones.
namespace Shop.Modules.Kernel.Json;

internal static class JsonText
{
    /// <summary>The string of a string-kind JsonValue, whatever CLR value backs it (parsed, string, Guid, DateTimeOffset...).</summary>
    public static string GetString(JsonValue value) =>
        value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;

    /// <summary>A node as text: a string without its quotes, anything else (JSON null included) as its JSON.</summary>
    public static string Of(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? GetString(v) : node?.ToJsonString() ?? "null";
}
