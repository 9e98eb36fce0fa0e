using System.Text.Json.Serialization;
using Mediator;

namespace Shop.Modules.EventStore.Contracts;

/// <summary>
/// EventBridge's PutEvents: each valid entry is published (and stored) in its own unit of work; each invalid
/// one gets an error in its result entry, in entry order. At most <see cref="MaxEntries"/> entries.
/// </summary>
public sealed record PutEvents(IReadOnlyList<PutEventsEntry> Entries) : IRequest<PutEventsResult>
{
    public const int MaxEntries = 10;

    /// <summary>EventBridge's limit on one entry (source, detail-type, detail and resources, UTF-8).</summary>
    public const int MaxEntryBytes = 256 * 1024;
}

/// <param name="Detail">A JSON string holding an object, as in EventBridge.</param>
/// <param name="EventBusName">A bus name or ARN; null is <c>default</c>. A bus that does not exist fails the entry.</param>
/// <param name="Time">The event's time; now when null.</param>
public sealed record PutEventsEntry(
    string? Source,
    string? DetailType,
    string? Detail,
    string? EventBusName = null,
    IReadOnlyList<string>? Resources = null,
    DateTimeOffset? Time = null);

public sealed record PutEventsResult(
    [property: JsonPropertyName("FailedEntryCount")] int FailedEntryCount,
    [property: JsonPropertyName("Entries")] IReadOnlyList<PutEventsResultEntry> Entries);

/// <summary>Either <see cref="EventId"/> or <see cref="ErrorCode"/> + <see cref="ErrorMessage"/>.</summary>
public sealed record PutEventsResultEntry(
    [property: JsonPropertyName("EventId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EventId,
    [property: JsonPropertyName("ErrorCode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode,
    [property: JsonPropertyName("ErrorMessage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorMessage,
    [property: JsonIgnore] string? Field = null)
{
    /// <summary>EventBridge's code for a missing or invalid parameter.</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>EventBridge's code for a Detail that is not a JSON object.</summary>
    public const string MalformedDetail = "MalformedDetail";

    /// <summary>EventBridge's code for a source the caller may not publish: every source beginning with <see cref="ReservedSourcePrefix"/>.</summary>
    public const string NotAuthorizedForSourceCode = "NotAuthorizedForSourceException";

    /// <summary>The prefix of the AWS services' own sources (<c>aws.states</c>, <c>aws.events</c>), refused to PutEvents callers.</summary>
    public const string ReservedSourcePrefix = "aws.";

    [JsonIgnore]
    public bool Failed => ErrorCode is not null;

    public static PutEventsResultEntry Published(string eventId) => new(eventId, null, null);

    public static PutEventsResultEntry Invalid(string field, string reason, string code = InvalidArgument) =>
        new(null, code, $"Parameter {field} is not valid. Reason: {reason}", field);

    /// <summary>EventBridge's answer (per entry) to a source beginning with <c>aws.</c>, with the shop's why after it.</summary>
    public static PutEventsResultEntry NotAuthorizedForSource() =>
        new(null, NotAuthorizedForSourceCode, $"Not authorized for the source. Sources beginning with '{ReservedSourcePrefix}' belong to the services (the shop's engine and schedules publish them).", "Source");
}

/// <summary>The body of <c>POST /events</c> as EventBridge spells it (documentation of the wire format).</summary>
public sealed record PutEventsRequest(
    [property: JsonPropertyName("Entries")] IReadOnlyList<PutEventsRequestEntry> Entries);

/// <param name="Detail">A JSON string holding an object.</param>
/// <param name="Time">ISO 8601 text or epoch seconds.</param>
public sealed record PutEventsRequestEntry(
    [property: JsonPropertyName("Source")] string Source,
    [property: JsonPropertyName("DetailType")] string DetailType,
    [property: JsonPropertyName("Detail")] string Detail,
    [property: JsonPropertyName("EventBusName")] string? EventBusName,
    [property: JsonPropertyName("Resources")] IReadOnlyList<string>? Resources,
    [property: JsonPropertyName("Time")] string? Time);
