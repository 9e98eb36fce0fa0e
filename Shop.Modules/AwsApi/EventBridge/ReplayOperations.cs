using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Kernel.Rules.Archives;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>StartReplay, DescribeReplay, ListReplays, CancelReplay.</summary>
internal static class ReplayOperations
{
    private static readonly string[] States =
        [EventReplays.Starting, EventReplays.Running, EventReplays.Cancelling, EventReplays.Completed, EventReplays.Cancelled, EventReplays.Failed];

    public static async Task<JsonNode?> StartAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var name = body.Required("ReplayName", 64);
        var archive = ArchiveName(body.Required("EventSourceArn", 1600));
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
        var replay = await Replays(request).StartAsync(name, archive, start, end, bus, filter, body.Text("Description", 512), cancellationToken);
        return new JsonObject
        {
            ["ReplayArn"] = Arns(request).Replay(replay.Name), ["State"] = replay.State, ["ReplayStartTime"] = Members.Epoch(replay.ReplayStartTime),
        };
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var replay = await Replays(request).DescribeAsync(request.Body.Required("ReplayName", 64), cancellationToken);
        var result = Render(request, replay);
        result["ReplayArn"] = Arns(request).Replay(replay.Name);
        result.AddIfSet("Description", replay.Description);
        var destination = new JsonObject { ["Arn"] = Arns(request).EventBus(replay.Destination) };
        if (replay.FilterArns is { } arns) destination["FilterArns"] = new JsonArray(arns.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
        result["Destination"] = destination;
        return result;
    }

    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var (offset, limit) = body.Page();
        var state = body.Text("State", 32);
        if (state is not null && !States.Contains(state)) throw AwsException.Validation($"State '{state}' is not one of {string.Join(", ", States)}.");
        var archive = body.Text("EventSourceArn", 1600) is { } arn ? ArchiveName(arn) : null;
        var list = await Replays(request).ListAsync(body.Text("NamePrefix", 64), state, archive, cancellationToken);
        return Members.PageOf(list, offset, limit, "Replays", r => Render(request, r));
    }

    public static async Task<JsonNode?> CancelAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var replay = await Replays(request).CancelAsync(request.Body.Required("ReplayName", 64), cancellationToken);
        return new JsonObject { ["ReplayArn"] = Arns(request).Replay(replay.Name), ["State"] = replay.State };
    }

    private static JsonObject Render(AwsRequest request, ReplayInfo replay)
    {
        var result = new JsonObject
        {
            ["ReplayName"] = replay.Name,
            ["EventSourceArn"] = Arns(request).Archive(replay.Archive),
            ["State"] = replay.State,
        };
        result.AddIfSet("StateReason", replay.StateReason);
        result["EventStartTime"] = Members.Epoch(replay.EventStartTime);
        result["EventEndTime"] = Members.Epoch(replay.EventEndTime);
        if (replay.EventLastReplayedTime is { } last) result["EventLastReplayedTime"] = Members.Epoch(last);
        result["ReplayStartTime"] = Members.Epoch(replay.ReplayStartTime);
        if (replay.ReplayEndTime is { } ended) result["ReplayEndTime"] = Members.Epoch(ended);
        return result;
    }

    /// <summary>The archive name of <c>arn:aws:events:...:archive/{name}</c>.</summary>
    private static string ArchiveName(string arn)
    {
        var marker = arn.IndexOf(":archive/", StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || marker < 0 || marker + ":archive/".Length == arn.Length)
            throw AwsException.Validation($"EventSourceArn '{arn}' is not an archive ARN (arn:aws:events:<region>:<account>:archive/<name>).");
        return arn[(marker + ":archive/".Length)..];
    }

    private static EventReplays Replays(AwsRequest request) => request.Services.GetRequiredService<EventReplays>();

    private static AwsArns Arns(AwsRequest request) => request.Services.GetRequiredService<AwsArns>();
}
