using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Delivery.Contracts;

namespace Shop.Modules.Delivery;

/// <summary>
/// The HTTP answers also carry the members the sample's original delivery service answered with (the sample's
/// order-create.asl.json reads them): the route summary's <c>Distance</c>, <c>DistanceUnit</c>, <c>DurationSeconds</c>
/// (AWS Location's names) and a delivery's <c>deliveryStatus</c>. The shop's own camelCase members stay.
/// </summary>
internal static class SampleAnswers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonObject Of(DeliveryEstimate estimate)
    {
        // Parsed rather than SerializeToNode: a node from Web options matches keys case-insensitively, so "Distance" would overwrite "distance".
        var answer = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(estimate, Json))!;
        answer["Distance"] = estimate.Distance;
        answer["DistanceUnit"] = estimate.DistanceUnit;
        answer["DurationSeconds"] = estimate.DurationSeconds;
        return answer;
    }

    public static JsonObject Of(DeliveryDto delivery)
    {
        var answer = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(delivery, Json))!;
        answer["deliveryStatus"] = delivery.Status;
        return answer;
    }
}
