using System.Text.Json;
using System.Text.Json.Nodes;

// Why here: event patterns and target inputs both read strings out of events built in code as well as parsed ones.
namespace Shop.Modules.Kernel.Json;

internal static class JsonText
{
    /// <summary>The string of a string-kind JsonValue, whatever CLR value backs it (parsed, string, Guid, DateTimeOffset...).</summary>
    public static string GetString(JsonValue value) =>
        value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
}
