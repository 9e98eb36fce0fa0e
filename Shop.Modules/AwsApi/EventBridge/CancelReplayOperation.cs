using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.CancelReplay</c>.</summary>
internal static class CancelReplayOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var replay = await ReplayShared.Replays(request).CancelAsync(request.Body.Required("ReplayName", 64), cancellationToken);
        return new JsonObject { ["ReplayArn"] = ReplayShared.Arns(request).Replay(replay.Name), ["State"] = replay.State };
    }
}
