using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules.Archives;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>What StartReplay, DescribeReplay, ListReplays, CancelReplay share (each is its own XOperation.cs).</summary>
internal static class ReplayShared
{
    internal static readonly string[] States =
        [EventReplays.Starting, EventReplays.Running, EventReplays.Cancelling, EventReplays.Completed, EventReplays.Cancelled, EventReplays.Failed];

    internal static JsonObject Render(AwsRequest request, ReplayInfo replay)
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
    internal static string ArchiveName(string arn)
    {
        var marker = arn.IndexOf(":archive/", StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || marker < 0 || marker + ":archive/".Length == arn.Length)
            throw AwsException.Validation($"EventSourceArn '{arn}' is not an archive ARN (arn:aws:events:<region>:<account>:archive/<name>).");
        return arn[(marker + ":archive/".Length)..];
    }

    internal static EventReplays Replays(AwsRequest request) => request.Services.GetRequiredService<EventReplays>();

    internal static AwsArns Arns(AwsRequest request) => request.Services.GetRequiredService<AwsArns>();
}
