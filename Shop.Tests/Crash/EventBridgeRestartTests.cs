using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Shop.Tests.AwsApi.EventBridge;
using Xunit;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Crash;

/// <summary>A replay and a scheduled rule across a kill -9 of Shop.Web: the replay resumes without redelivering, the schedule is rebuilt and no slot fires twice.</summary>
public sealed class EventBridgeRestartTests : IDisposable
{
    private const string Account = "000000000000";
    private const int Events = 20;
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "shop-eb-restart", Guid.NewGuid().ToString("N"));

    // The replay copies one event every 300 ms, so the kill lands in the middle of it.
    private static readonly Dictionary<string, string> Settings = new() { ["Events__ReplayDelay"] = "00:00:00.300" };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }

    private static JsonObject Forward(string bus) => new() { ["Id"] = "fwd", ["Arn"] = $"arn:aws:events:us-east-1:{Account}:event-bus/{bus}" };

    [Fact]
    public async Task Given_a_replay_running_and_a_scheduled_rule_When_the_shop_is_killed_and_restarted_Then_the_replay_completes_once_and_the_schedule_goes_on()
    {
        Directory.CreateDirectory(_dataFolder);
        var first = await ShopServer.StartAsync(Settings, _dataFolder);
        var events = new EventBridgeClient(first.CreateClient());
        foreach (var bus in new[] { "r-bus", "r-sink", "r-ticks" }) await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = bus });
        await events.CallAsync("PutRule", new JsonObject { ["Name"] = "r-fwd", ["EventBusName"] = "r-bus", ["EventPattern"] = """{"source":["restart.test"]}""" });
        await events.CallAsync("PutTargets", new JsonObject { ["Rule"] = "r-fwd", ["EventBusName"] = "r-bus", ["Targets"] = new JsonArray(Forward("r-sink")) });
        await events.CallAsync("PutRule", new JsonObject { ["Name"] = "r-tick", ["ScheduleExpression"] = "rate(1 minute)" });
        await events.CallAsync("PutTargets", new JsonObject { ["Rule"] = "r-tick", ["Targets"] = new JsonArray(Forward("r-ticks")) });
        await events.CallAsync("CreateArchive", new JsonObject { ["ArchiveName"] = "r-arch", ["EventSourceArn"] = $"arn:aws:events:us-east-1:{Account}:event-bus/r-bus" });
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < Events; i++) await events.PutEventAsync("r-bus", "restart.test", "Numbered", new JsonObject { ["n"] = i });
        (await events.WaitForEventsAsync("r-sink", Events)).Should().HaveCount(Events);

        await events.CallAsync("StartReplay", new JsonObject
        {
            ["ReplayName"] = "r-replay", ["EventSourceArn"] = $"arn:aws:events:us-east-1:{Account}:archive/r-arch",
            ["EventStartTime"] = start.ToUnixTimeSeconds(), ["EventEndTime"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds(),
            ["Destination"] = new JsonObject { ["Arn"] = $"arn:aws:events:us-east-1:{Account}:event-bus/r-bus" },
        });
        await WaitAsync(async () => (await events.EventsAsync("r-sink")).Count >= Events + 3, TimeSpan.FromSeconds(60), "a few copies before the kill");
        first.Kill();
        var restartedAt = DateTimeOffset.UtcNow;

        await using var second = await ShopServer.StartAsync(Settings, _dataFolder);
        events = new EventBridgeClient(second.CreateClient());
        JsonObject replay = new();
        await WaitAsync(async () => (string?)(replay = await events.CallAsync("DescribeReplay", new JsonObject { ["ReplayName"] = "r-replay" }))["State"] == "COMPLETED",
            TimeSpan.FromSeconds(60), "the replay resumes and completes");
        var copies = (await events.EventsAsync("r-bus")).Where(e => (string?)e!["eventDetail"]!["replay-name"] == "r-replay").ToList();
        copies.Select(e => (int)e!["eventDetail"]!["detail"]!["n"]!).Should().BeEquivalentTo(Enumerable.Range(0, Events), "each archived event is replayed exactly once");
        (await events.WaitForEventsAsync("r-sink", 2 * Events)).Should().HaveCount(2 * Events, "and delivered once");

        // The schedule's job was rebuilt at start: a slot after the restart fires; no slot fired twice.
        JsonArray ticks = [];
        await WaitAsync(async () => (ticks = await events.EventsAsync("r-ticks")).Any(t => (DateTimeOffset)t!["eventDetail"]!["time"]! > restartedAt),
            TimeSpan.FromSeconds(120), "a scheduled firing after the restart");
        ticks.Select(t => (DateTimeOffset)t!["eventDetail"]!["time"]!).Should().OnlyHaveUniqueItems();
        first.Output.Should().NotBeNull();
        await first.DisposeAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {within} for {what}.");
            await Task.Delay(200);
        }
    }
}
