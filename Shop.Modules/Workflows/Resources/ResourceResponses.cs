using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Resources;

/// <summary>Pieces of the answers AWS's optimized integrations give (the SDK's HTTP metadata) and reading members.</summary>
internal static class ResourceResponses
{
    /// <summary>SdkHttpMetadata and SdkResponseMetadata as Step Functions adds them to an optimized integration's result.</summary>
    public static JsonObject WithSdkMetadata(JsonObject result, string contentType = "application/x-amz-json-1.0")
    {
        var requestId = Guid.NewGuid().ToString();
        var headers = new JsonObject { ["Content-Type"] = contentType, ["x-amzn-RequestId"] = requestId };
        var all = new JsonObject { ["Content-Type"] = new JsonArray(contentType), ["x-amzn-RequestId"] = new JsonArray(requestId) };
        result["SdkHttpMetadata"] = new JsonObject { ["AllHttpHeaders"] = all, ["HttpHeaders"] = headers, ["HttpStatusCode"] = 200 };
        result["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = requestId };
        return result;
    }

    public static JsonObject Object(JsonNode input, string resource) => input as JsonObject
        ?? throw new StepFailedException(StatesErrors.Runtime, $"The Parameters of a '{resource}' task must be a JSON object.");

    public static string? OptionalString(JsonNode? input, string member, string error) => input?[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new StepFailedException(error, $"The parameter '{member}' must be a string."),
    };

    public static string String(JsonNode? input, string member, string error) =>
        OptionalString(input, member, error) ?? throw new StepFailedException(error, $"The parameter '{member}' is required.");
}
