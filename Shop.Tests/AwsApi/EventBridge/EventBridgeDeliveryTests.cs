using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;
using Xunit;

namespace Shop.Tests.AwsApi.EventBridge;

/// <summary>What rules made at run time do with events: only their own bus's, into state machines and other buses, across restarts.</summary>
public sealed class EventBridgeDeliveryTests
{
    private const string Account = "000000000000";

    private static JsonObject ForwardTarget(string id, string bus) => new() { ["Id"] = id, ["Arn"] = $"arn:aws:events:us-east-1:{Account}:event-bus/{bus}" };

    private static async Task ForwardAsync(EventBridgeClient events, string rule, string fromBus, string toBus, string pattern)
    {
        await events.CallAsync("PutRule", new JsonObject { ["Name"] = rule, ["EventBusName"] = fromBus, ["EventPattern"] = pattern });
        var put = await events.CallAsync("PutTargets", new JsonObject
        {
            ["Rule"] = rule, ["EventBusName"] = fromBus, ["Targets"] = new JsonArray(ForwardTarget("forward", toBus)),
        });
        ((int?)put["FailedEntryCount"]).Should().Be(0, put.ToJsonString());
    }

    [Fact]
    public async Task Given_a_rule_on_bus_A_When_a_matching_event_is_put_on_bus_B_Then_only_bus_As_event_reaches_its_target()
    {
        using var app = new ShopApp();
        var events = new EventBridgeClient(app.CreateClient());
        foreach (var bus in new[] { "bus-a", "bus-b", "sink" })
            await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = bus });
        await ForwardAsync(events, "a-to-sink", "bus-a", "sink", """{"source":["test.shop"]}""");

        // B's event first: events are delivered in store order, so once A's arrives B's has been through the rules.
        await events.PutEventAsync("bus-b", "test.shop", "Tested", new JsonObject { ["from"] = "b" });
        await events.PutEventAsync("bus-a", "test.shop", "Tested", new JsonObject { ["from"] = "a" });

        var sink = await events.WaitForEventsAsync("sink", 1);
        sink.Should().ContainSingle();
        ((string?)sink[0]!["eventDetail"]!["detail"]!["from"]).Should().Be("a");
        ((string?)sink[0]!["eventBus"]).Should().Be("sink");
        (await events.EventsAsync("bus-b")).Should().ContainSingle();
        ((string?)(await events.EventsAsync("bus-a"))[0]!["eventDetail"]!["region"]).Should().Be("us-east-1");
    }

    [Fact]
    public async Task Given_a_state_machine_target_with_an_input_transformer_When_a_matching_event_is_put_Then_one_execution_starts_with_the_transformed_input()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var events = new EventBridgeClient(app.CreateClient());
        await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "sw-bus" });
        await events.CallAsync("PutRule", new JsonObject
        {
            ["Name"] = "start-courier", ["EventBusName"] = "sw-bus", ["EventPattern"] = """{"detail-type":["OrderPlaced"]}""",
        });
        var put = await events.CallAsync("PutTargets", new JsonObject
        {
            ["Rule"] = "start-courier", ["EventBusName"] = "sw-bus",
            ["Targets"] = new JsonArray(new JsonObject
            {
                ["Id"] = "courier", ["Arn"] = $"arn:aws:states:us-east-1:{Account}:stateMachine:Test.Callback",
                ["InputTransformer"] = new JsonObject
                {
                    ["InputPathsMap"] = new JsonObject { ["order"] = "$.detail.orderId", ["source"] = "$.source" },
                    ["InputTemplate"] = """{"orderId": <order>, "from": <source>}""",
                },
            }),
        });
        ((int?)put["FailedEntryCount"]).Should().Be(0, put.ToJsonString());

        await events.PutEventAsync("sw-bus", "coffee", "OrderPlaced", new JsonObject { ["orderId"] = "order-7" });
        await events.PutEventAsync("sw-bus", "coffee", "Marker", new JsonObject());
        await events.WaitForEventsAsync("sw-bus", 2);

        using var scope = app.Services.CreateScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        ExecutionPage page;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do page = await engine.ListAsync("Test.Callback");
        while (page.Executions.Count == 0 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        page.Executions.Should().ContainSingle();
        var execution = await engine.DescribeAsync(page.Executions[0].ExecutionId);
        execution.Input!["orderId"]!.GetValue<string>().Should().Be("order-7");
        execution.Input!["from"]!.GetValue<string>().Should().Be("coffee");
    }

    [Fact]
    public async Task Given_buses_rules_and_targets_made_at_run_time_When_the_shop_restarts_Then_they_are_still_there_and_still_deliver()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new ShopApp().With("Shop:DataFolder", folder))
            {
                var events = new EventBridgeClient(first.CreateClient());
                await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "kept" });
                await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "kept-sink" });
                await ForwardAsync(events, "kept-rule", "kept", "kept-sink", """{"detail-type":["Kept"]}""");
                await events.CallAsync("DisableRule", new JsonObject { ["Name"] = "kept-rule", ["EventBusName"] = "kept" });
            }

            using var second = new ShopApp().With("Shop:DataFolder", folder);
            var again = new EventBridgeClient(second.CreateClient());
            (await again.CallAsync("ListEventBuses", new JsonObject()))["EventBuses"]!.AsArray().Select(b => (string?)b!["Name"])
                .Should().Contain(["kept", "kept-sink"]);
            var rule = await again.CallAsync("DescribeRule", new JsonObject { ["Name"] = "kept-rule", ["EventBusName"] = "kept" });
            ((string?)rule["State"]).Should().Be("DISABLED");
            (await again.CallAsync("ListTargetsByRule", new JsonObject { ["Rule"] = "kept-rule", ["EventBusName"] = "kept" }))["Targets"]!.AsArray()
                .Should().ContainSingle();

            await again.CallAsync("EnableRule", new JsonObject { ["Name"] = "kept-rule", ["EventBusName"] = "kept" });
            await again.PutEventAsync("kept", "test.shop", "Kept", new JsonObject { ["n"] = 1 });
            (await again.WaitForEventsAsync("kept-sink", 1)).Should().ContainSingle();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Given_entries_for_known_and_unknown_buses_When_put_Then_each_entry_answers_alone_and_events_keep_their_bus()
    {
        using var app = new ShopApp();
        var events = new EventBridgeClient(app.CreateClient());
        await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "named" });

        var result = await events.CallAsync("PutEvents", new JsonObject
        {
            ["Entries"] = new JsonArray(
                new JsonObject { ["EventBusName"] = $"arn:aws:events:us-east-1:{Account}:event-bus/named", ["Source"] = "s", ["DetailType"] = "T", ["Detail"] = "{}" },
                new JsonObject { ["EventBusName"] = "nobody", ["Source"] = "s", ["DetailType"] = "T", ["Detail"] = "{}" },
                new JsonObject { ["Source"] = "s", ["DetailType"] = "T", ["Detail"] = "[1]" },
                new JsonObject { ["Source"] = "s", ["DetailType"] = "T", ["Detail"] = "{}", ["Time"] = 1767225600 }),
        });

        ((int?)result["FailedEntryCount"]).Should().Be(2);
        var entries = result["Entries"]!.AsArray();
        ((string?)entries[0]!["EventId"]).Should().NotBeNullOrEmpty();
        ((string?)entries[1]!["ErrorCode"]).Should().Be("InvalidArgument");
        ((string?)entries[1]!["ErrorMessage"]).Should().Contain("nobody");
        ((string?)entries[2]!["ErrorCode"]).Should().Be("MalformedDetail");
        ((string?)entries[3]!["EventId"]).Should().NotBeNullOrEmpty();
        (await events.EventsAsync("named")).Should().ContainSingle();
        var onDefault = await events.EventsAsync("default", "T");
        onDefault.Should().ContainSingle();
        ((string?)onDefault[0]!["eventDetail"]!["time"]).Should().StartWith("2026-01-01T00:00:00");

        await events.FailAsync("PutEvents", new JsonObject { ["Entries"] = new JsonArray() }, "ValidationException");
        await events.FailAsync("PutEvents", new JsonObject(), "ValidationException");
    }

    [Fact]
    public async Task Given_a_detail_as_deep_as_a_body_may_be_When_put_over_the_AWS_API_Then_stored_and_one_level_deeper_is_MalformedDetail()
    {
        // 64 levels plus the envelope's own was a 500 (found by the fuzz test); EventBridge answers per entry.
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        using var app = new ShopApp();
        var events = new EventBridgeClient(app.CreateClient());

        var result = await events.CallAsync("PutEvents", new JsonObject
        {
            ["Entries"] = new JsonArray(
                new JsonObject { ["Source"] = "s", ["DetailType"] = "Deep", ["Detail"] = Nested(64) },
                new JsonObject { ["Source"] = "s", ["DetailType"] = "Deep", ["Detail"] = Nested(65) }),
        });

        ((int?)result["FailedEntryCount"]).Should().Be(1, result.ToJsonString());
        ((string?)result["Entries"]![0]!["EventId"]).Should().NotBeNullOrEmpty();
        ((string?)result["Entries"]![1]!["ErrorCode"]).Should().Be("MalformedDetail");
    }
}
