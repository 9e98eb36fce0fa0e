using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.EventStore.PutEvents;

/// <summary>
/// <c>POST /events</c> in EventBridge's PutEvents shape. The body is read as raw JSON so that a wrongly typed
/// field fails its own entry, like EventBridge, instead of the whole request.
/// </summary>
internal static class PutEventsEndpoint
{
    public static async Task<Ok<PutEventsResult>> Handle(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var entries = await ReadEntriesAsync(request, cancellationToken);

        var results = new PutEventsResultEntry?[entries.Count];
        var valid = new List<(int Index, PutEventsEntry Entry)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, error) = ReadEntry(entries[i]);
            if (error is not null) results[i] = error;
            else valid.Add((i, entry!));
        }

        if (valid.Count > 0)
        {
            var published = await sender.Send(new Contracts.PutEvents(valid.Select(v => v.Entry).ToList()), cancellationToken);
            for (var i = 0; i < valid.Count; i++) results[valid[i].Index] = published.Entries[i];
        }

        var all = results.Select(r => r!).ToList();
        return TypedResults.Ok(new PutEventsResult(all.Count(r => r.Failed), all));
    }

    private static async Task<JsonArray> ReadEntriesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var root = await JsonBody.ReadObjectAsync(request, "{\"Entries\": [...]}", cancellationToken);
        if (root["Entries"] is not JsonArray entries)
            throw new InvalidInputException("Entries", "'Entries' is required and must be an array.");
        if (entries.Count is 0 or > Contracts.PutEvents.MaxEntries)
            throw new InvalidInputException("Entries", $"'Entries' must hold 1 to {Contracts.PutEvents.MaxEntries} entries; it has {entries.Count}.");
        return entries;
    }

    private static (PutEventsEntry? Entry, PutEventsResultEntry? Error) ReadEntry(JsonNode? node)
    {
        if (node is not JsonObject entry) return (null, PutEventsResultEntry.Invalid("Entry", "each entry must be a JSON object."));

        string? source = null, detailType = null, detail = null, bus = null;
        if (!TryString(entry, "Source", ref source, out var error)
            || !TryString(entry, "DetailType", ref detailType, out error)
            || !TryString(entry, "Detail", ref detail, out error)
            || !TryString(entry, "EventBusName", ref bus, out error))
            return (null, error);

        List<string>? resources = null;
        switch (entry["Resources"])
        {
            case null:
                break;
            case JsonArray array when array.All(r => r is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                resources = array.Select(r => r!.GetValue<string>()).ToList();
                break;
            default:
                return (null, PutEventsResultEntry.Invalid("Resources", "Resources must be an array of strings."));
        }

        DateTimeOffset? time = null;
        if (entry["Time"] is { } timeNode)
        {
            time = ReadTime(timeNode);
            if (time is null)
                return (null, PutEventsResultEntry.Invalid("Time", "Time must be an ISO 8601 timestamp or epoch seconds."));
        }
        return (new PutEventsEntry(source, detailType, detail, bus, resources, time), null);
    }

    private static bool TryString(JsonObject entry, string name, ref string? value, out PutEventsResultEntry? error)
    {
        error = null;
        switch (entry[name])
        {
            case null:
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                value = v.GetValue<string>();
                return true;
            default:
                error = PutEventsResultEntry.Invalid(name, name == "Detail"
                    ? "Detail must be a string holding a JSON object, e.g. \"{\\\"orderId\\\": \\\"order-1\\\"}\"."
                    : $"{name} must be a string.");
                return false;
        }
    }

    /// <summary>The AWS CLI sends ISO 8601 text, the SDKs epoch seconds.</summary>
    private static DateTimeOffset? ReadTime(JsonNode node)
    {
        if (node is not JsonValue value) return null;
        if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var seconds)
            && seconds is >= 0 and < 253402300800)
            return DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
        if (value.GetValueKind() == JsonValueKind.String)
            return QueryEvents.IsoTime.TryParse(value.GetValue<string>(), out var time) ? time : null;
        return null;
    }
}
