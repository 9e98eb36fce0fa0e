using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;

// The public face of patterns: parse once, match many times. How a pattern is read and matched lives in the files beside it.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>
/// An EventBridge event pattern, validated and compiled once into a small matcher tree.
/// Semantics follow the EventBridge documentation: fields of an object are ANDed, the values of a leaf array
/// are ORed, <c>$or</c> ORs whole sub-patterns, and an event value that is an array matches when any of its
/// elements does (objects inside arrays are matched element by element).
/// </summary>
public sealed class EventPattern
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true };

    // Patterns are shown to people: keep '<', '>' and non-ASCII readable.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ObjectMatcher root;

    private EventPattern(ObjectMatcher root, string json)
    {
        this.root = root;
        Json = json;
    }

    /// <summary>The pattern as compact JSON.</summary>
    public string Json { get; }

    /// <exception cref="InvalidEventPatternException">The text is not a valid pattern; the message says where.</exception>
    public static EventPattern Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidEventPatternException("pattern", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = PatternParser.ParseObject(document.RootElement, "");
            return new EventPattern(root, JsonSerializer.Serialize(document.RootElement, Readable));
        }
    }

    /// <exception cref="InvalidEventPatternException">The node is not a valid pattern.</exception>
    public static EventPattern Parse(JsonNode pattern) => Parse(pattern.ToJsonString());

    /// <summary>Does the event (a full envelope: source, detail-type, detail, ...) match?</summary>
    public bool Matches(JsonNode? evt) => root.Matches(evt as JsonObject);

    public bool Matches(EventEnvelope evt) => Matches(ToNode(evt));

    public override string ToString() => Json;

    internal static JsonNode ToNode(EventEnvelope evt) => JsonSerializer.SerializeToNode(evt, EventEnvelope.Json)!;
}
