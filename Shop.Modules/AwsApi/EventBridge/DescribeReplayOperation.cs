using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DescribeReplay</c>.</summary>
internal static class DescribeReplayOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var replay = await ReplayShared.Replays(request).DescribeAsync(request.Body.Required("ReplayName", 64), cancellationToken);
        var result = ReplayShared.Render(request, replay);
        result["ReplayArn"] = ReplayShared.Arns(request).Replay(replay.Name);
        result.AddIfSet("Description", replay.Description);
        var destination = new JsonObject { ["Arn"] = ReplayShared.Arns(request).EventBus(replay.Destination) };
        if (replay.FilterArns is { } arns) destination["FilterArns"] = new JsonArray(arns.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
        result["Destination"] = destination;
        return result;
    }
}
