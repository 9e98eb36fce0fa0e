using System.Text.Json.Nodes;

// Why these sit on JsonPath: the engine's execution code (Workflows/Executions) calls them as JsonPath.Parse,
// JsonPath.Clone and JsonPath.ParseData. Keeping the names lets that code (being rewritten elsewhere) compile unchanged
// after the reader moved to Kernel; they are JSON-text helpers, not path reading, and can become their own type later.
namespace Shop.Modules.Kernel.Json;

public sealed partial class JsonPath
{
    /// <summary>JSON text to a node; no text, or JSON null, is {}.</summary>
    public static JsonNode Parse(string? json) => (json is null ? null : JsonNode.Parse(json)) ?? new JsonObject();

    /// <summary>A copy that keeps JSON null (a null node) null, without telling the compiler the original may be null.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>State data as stored: "null" stays JSON null (a null JsonNode, whatever the type says); no text at all is {}.</summary>
    public static JsonNode ParseData(string? json) => json is null ? new JsonObject() : JsonNode.Parse(json)!;
}
