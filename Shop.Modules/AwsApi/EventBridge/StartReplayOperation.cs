using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.StartReplay</c>.</summary>
internal static class StartReplayOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var name = body.Required("ReplayName", 64);
        var archive = ReplayShared.ArchiveName(body.Required("EventSourceArn", 1600));
        var start = body.RequiredTime("EventStartTime");
        var end = body.RequiredTime("EventEndTime");
        if (body["Destination"] is not JsonObject destination) throw AwsException.Validation("Destination is required: {Arn, FilterArns?}.");
        if (destination.Any(p => p.Key is not ("Arn" or "FilterArns"))) throw AwsException.Validation("Destination takes Arn and FilterArns only.");
        var bus = destination.Required("Arn", 1600);
        if (!bus.Contains(":event-bus/", StringComparison.Ordinal)) throw AwsException.Validation($"Destination.Arn '{bus}' is not an event bus ARN.");
        List<string>? filter = null;
        if (destination["FilterArns"] is { } filterNode)
        {
            if (filterNode is not JsonArray arns || arns.Any(a => a is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
                throw AwsException.Validation("Destination.FilterArns must be a list of rule ARNs.");
            filter = arns.Select(a => a!.GetValue<string>()).ToList();
        }
        var replay = await ReplayShared.Replays(request).StartAsync(name, archive, start, end, bus, filter, body.Text("Description", 512), cancellationToken);
        return new JsonObject
        {
            ["ReplayArn"] = ReplayShared.Arns(request).Replay(replay.Name), ["State"] = replay.State, ["ReplayStartTime"] = Members.Epoch(replay.ReplayStartTime),
        };
    }
}
