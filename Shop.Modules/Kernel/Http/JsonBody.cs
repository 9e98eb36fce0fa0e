using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Shop.Modules.Kernel.Http;

/// <summary>
/// The one way the shop reads a JSON request body. Only <c>application/json</c> (or <c>+json</c>) in UTF-8 is taken:
/// a cross-site form cannot send it without the browser asking first. The text must be valid UTF-8, hold no
/// duplicate keys and no string that is not valid UTF-16 (a lone surrogate escape), nested at most
/// <see cref="MaxDepth"/> deep. Every refusal is a 400 (415 for the media type) naming what was wrong.
/// </summary>
public static class JsonBody
{
    public const int MaxDepth = 64;

    /// <summary>
    /// How deep the shop writes JSON that carries a body inside it (a stored event's envelope, an answer listing
    /// events): a few levels of its own around a document <see cref="MaxDepth"/> deep, past the writer's default of 64.
    /// </summary>
    public const int MaxWrappedDepth = MaxDepth * 2;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>The body as JSON; null when it is empty and <paramref name="allowEmpty"/>.</summary>
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, bool allowEmpty, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0 || IsWhiteSpace(buffer))
            return allowEmpty ? null : throw new InvalidInputException("body", "The body is required: a JSON object.");
        RequireJsonMediaType(request.ContentType);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "body");
    }

    /// <summary>The body as a JSON object; <paramref name="shape"/> shows the caller what is expected.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, string shape, CancellationToken cancellationToken) =>
        await ReadAsync(request, allowEmpty: false, cancellationToken) as JsonObject
        ?? throw new InvalidInputException("body", $"The body must be a JSON object {shape}.");

    /// <summary>JSON held in a string (an event's Detail, a StartExecution input), read as strictly as a body.</summary>
    public static JsonNode? Parse(string text, string field) => Parse(Encoding.UTF8.GetBytes(text), field);

    /// <summary>A string member; null when absent; 400 naming it when it is another type.</summary>
    public static string? String(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new InvalidInputException(name, $"'{name}' must be a string."),
    };

    private static JsonNode? Parse(ReadOnlyMemory<byte> utf8, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, Strict);
            CheckText(document.RootElement, field);
            return JsonNode.Parse(utf8.Span, documentOptions: Strict);
        }
        // The duplicate-key check throws InvalidOperationException for a key that is not valid UTF-16 (a lone surrogate).
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidInputException(field, $"'{field}' is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Every string and key must be valid UTF-16: the reader only checks escapes when a string is read.</summary>
    private static void CheckText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                ReadString(() => element.GetString(), path);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = ReadString(() => property.Name, path);
                    CheckText(property.Value, $"{path}.{name}");
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) CheckText(item, $"{path}[{i++}]");
                break;
        }
    }

    private static string ReadString(Func<string?> read, string path)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new InvalidInputException(path, $"'{path}' holds text that is not valid Unicode (a lone surrogate escape).");
        }
    }

    private static void RequireJsonMediaType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))))
            throw new UnsupportedMediaTypeException($"The body must be sent as application/json; it came as '{contentType ?? "nothing"}'.");
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"The body must be UTF-8; charset '{media.Charset}' is not taken.");
    }

    private static bool IsWhiteSpace(MemoryStream buffer)
    {
        foreach (var b in buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}

/// <summary>415: the body is not JSON in UTF-8.</summary>
public sealed class UnsupportedMediaTypeException(string detail) : DomainException("Unsupported media type", detail)
{
    public override int StatusCode => 415;
}
