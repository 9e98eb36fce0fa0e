using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Api;

internal static class JsonText
{
    /// <summary>Step Functions passes JSON as a string ("{\"a\":1}"); an object is taken as is. Bad text is a 400 naming <paramref name="field"/>.</summary>
    public static JsonNode? Parse(JsonNode? value, string field)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var json)) return value;
        return JsonBody.Parse(json, field);
    }
}
