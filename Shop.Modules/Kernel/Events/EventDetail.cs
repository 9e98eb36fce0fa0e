using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Reading and growing an event's detail, for choreography handlers whose detail is an object each module
/// adds to (SCENARIOS §1.2). Readers return null for anything missing or of the wrong kind: an event from
/// outside may be malformed, and a handler must answer it with an error event, not crash the dispatcher.
/// </summary>
public static class EventDetail
{
    public static bool Is(this EventEnvelope @event, string source, string detailType) =>
        @event.DetailType == detailType && @event.Source == source;

    /// <summary>A copy to add to: the received detail is shared by every handler of the event.</summary>
    public static JsonObject Copy(this JsonObject detail) => detail.DeepClone().AsObject();

    public static string? Text(this JsonObject detail, params string[] path) =>
        Find(detail, path) is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <exception cref="InvalidInputException">A number the shop cannot take (e.g. 1e300): a domain error, answered with the chain's error event.</exception>
    public static decimal? Number(this JsonObject detail, params string[] path)
    {
        if (Find(detail, path) is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue<decimal>(out var number)) return number;
        var field = string.Join('.', path);
        throw new InvalidInputException(field, $"'{field}' is {Shorten(v.ToJsonString())}, out of the range the shop takes (at most 28 digits).");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/> serialized as the envelope is (camelCase).</summary>
    public static JsonObject With<T>(this JsonObject detail, string name, T value)
    {
        detail[name] = JsonSerializer.SerializeToNode(value, EventEnvelope.Json);
        return detail;
    }

    /// <summary>Adds the reason a handler could not act, as <c>error: {errorCode, title, message}</c>.</summary>
    public static JsonObject WithError(this JsonObject detail, DomainException error) =>
        detail.With("error", new { error.ErrorCode, error.Title, error.Message });

    private static JsonNode? Find(JsonObject detail, string[] path)
    {
        JsonNode? node = detail;
        foreach (var name in path) node = node is JsonObject o ? o[name] : null;
        return node;
    }
}
