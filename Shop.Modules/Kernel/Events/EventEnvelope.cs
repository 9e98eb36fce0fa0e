using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Shop.Modules.Kernel.Events;

/// <summary>An event as EventBridge delivers it; property names are EventBridge's.</summary>
public sealed record EventEnvelope(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("detail-type")] string DetailType,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources,
    [property: JsonPropertyName("detail")] JsonObject Detail,
    [property: JsonPropertyName("replay-name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplayName = null)
{
    /// <summary>EventBridge's scheduled rules put events of this source and detail-type; only the rule in <see cref="Resources"/> gets them.</summary>
    public bool IsScheduled => Source == "aws.events" && DetailType == "Scheduled Event";

    /// <summary>The local stand-ins for an AWS account and region.</summary>
    public const string LocalAccount = "000000000000";
    public const string LocalRegion = "local";

    // The envelope adds its own level around a detail: a 64-deep detail put by PutEvents failed to store (a 500, found by the fuzz test).
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = Http.JsonBody.MaxWrappedDepth };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
