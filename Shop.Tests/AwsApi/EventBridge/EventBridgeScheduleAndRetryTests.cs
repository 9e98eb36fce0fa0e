using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Kernel.Rules.Schedules;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.AwsApi.EventBridge;

/// <summary>Scheduled rules on a controlled clock (each slot once, one catch-up, only the rule's targets), and target retries into named dead-letter lists.</summary>
public sealed class EventBridgeScheduleAndRetryTests
{
    private const string Account = "000000000000";

    private static JsonObject Forward(string id, string bus) => new() { ["Id"] = id, ["Arn"] = $"arn:aws:events:us-east-1:{Account}:event-bus/{bus}" };

    [Fact]
    public async Task Given_a_scheduled_rule_When_its_slots_come_Then_each_fires_once_to_its_own_targets_and_disable_stops_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 3, 30, TimeSpan.Zero));
        using var app = new ShopApp().WithClock(clock);
        var events = new EventBridgeClient(app.CreateClient());
        await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "ticks" });
        await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "eavesdrop" });
        await events.CallAsync("PutRule", new JsonObject { ["Name"] = "every-5", ["ScheduleExpression"] = "rate(5 minutes)" });
        await events.CallAsync("PutTargets", new JsonObject { ["Rule"] = "every-5", ["Targets"] = new JsonArray(Forward("ticks", "ticks")) });
        // A rule on the default bus that would match the scheduled events if they were put on the bus: it must not get them.
        await events.CallAsync("PutRule", new JsonObject { ["Name"] = "listens-to-aws", ["EventPattern"] = """{"source":["aws.events"]}""" });
        await events.CallAsync("PutTargets", new JsonObject { ["Rule"] = "listens-to-aws", ["Targets"] = new JsonArray(Forward("eavesdrop", "eavesdrop")) });
        var described = await events.CallAsync("DescribeRule", new JsonObject { ["Name"] = "every-5" });
        ((string?)described["ScheduleExpression"]).Should().Be("rate(5 minutes)");
        described.ContainsKey("EventPattern").Should().BeFalse();

        var schedules = app.Services.GetRequiredService<RuleSchedules>();
        (await schedules.FireDueAsync("every-5", default)).Should().BeFalse("the first slot is 10:08");
        clock.Advance(TimeSpan.FromMinutes(5));
        await schedules.FireDueAsync("every-5", default);
        await schedules.FireDueAsync("every-5", default);
        var ticks = await events.WaitForEventsAsync("ticks", 1);
        ticks.Should().ContainSingle("a slot fires once however often the job wakes");
        var tick = ticks[0]!["eventDetail"]!;
        ((string?)tick["source"]).Should().Be("aws.events");
        ((string?)tick["detail-type"]).Should().Be("Scheduled Event");
        tick["detail"]!.AsObject().Should().BeEmpty();
        tick["resources"]!.AsArray().Select(r => (string?)r).Should().Equal($"arn:aws:events:us-east-1:{Account}:rule/every-5");
        ((DateTimeOffset)tick["time"]!).Should().Be(new DateTimeOffset(2026, 12, 2, 10, 8, 0, TimeSpan.Zero));

        // Down for an hour: one catch-up, the latest slot, not twelve.
        clock.Advance(TimeSpan.FromHours(1));
        await schedules.FireDueAsync("every-5", default);
        await schedules.FireDueAsync("every-5", default);
        ticks = await events.WaitForEventsAsync("ticks", 2);
        await Eventually.IdleAsync(app.Services);
        ticks = await events.EventsAsync("ticks");
        ticks.Should().HaveCount(2);
        ((DateTimeOffset)ticks[1]!["eventDetail"]!["time"]!).Should().Be(new DateTimeOffset(2026, 12, 2, 11, 8, 0, TimeSpan.Zero));

        await events.CallAsync("DisableRule", new JsonObject { ["Name"] = "every-5" });
        clock.Advance(TimeSpan.FromMinutes(10));
        (await schedules.FireDueAsync("every-5", default)).Should().BeFalse("a disabled rule does not fire");
        await events.CallAsync("EnableRule", new JsonObject { ["Name"] = "every-5" });
        (await schedules.FireDueAsync("every-5", default)).Should().BeFalse("slots passed while disabled are not owed");
        (await events.EventsAsync("eavesdrop")).Should().BeEmpty("scheduled events go to their rule's targets only");

        await events.CallAsync("RemoveTargets", new JsonObject { ["Rule"] = "every-5", ["Ids"] = new JsonArray("ticks") });
        await events.CallAsync("DeleteRule", new JsonObject { ["Name"] = "every-5" });
        clock.Advance(TimeSpan.FromMinutes(10));
        (await schedules.FireDueAsync("every-5", default)).Should().BeFalse("a deleted rule does not fire");
    }

    [Fact]
    public async Task Given_bad_schedules_and_retry_policies_Then_each_is_a_400_ValidationException()
    {
        using var app = new ShopApp();
        var events = new EventBridgeClient(app.CreateClient());
        await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "other" });
        foreach (var expression in new[] { "rate(1 minutes)", "cron(0/5 * * * * *)", "cron(0 0 * * ? 2200)", "sometimes" })
            await events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["ScheduleExpression"] = expression }, "ValidationException");
        (await events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["EventBusName"] = "other", ["ScheduleExpression"] = "rate(5 minutes)" },
            "ValidationException")).Should().Contain("default event bus");
        await events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["ScheduleExpression"] = 5 }, "ValidationException");

        // Archives and replays: bad members are 400s, never 500s.
        var otherArn = $"arn:aws:events:us-east-1:{Account}:event-bus/other";
        var forever = await events.CallAsync("CreateArchive", new JsonObject { ["ArchiveName"] = "forever", ["EventSourceArn"] = otherArn, ["RetentionDays"] = int.MaxValue });
        ((string?)forever["State"]).Should().Be("ENABLED");
        ((int?)(await events.CallAsync("DescribeArchive", new JsonObject { ["ArchiveName"] = "forever" }))["EventCount"]).Should().Be(0);
        await events.FailAsync("CreateArchive", new JsonObject { ["ArchiveName"] = "a", ["EventSourceArn"] = otherArn, ["RetentionDays"] = -1 }, "ValidationException");
        await events.FailAsync("CreateArchive", new JsonObject { ["ArchiveName"] = "a", ["EventSourceArn"] = 7 }, "ValidationException");
        var replay = new JsonObject
        {
            ["ReplayName"] = "r", ["EventSourceArn"] = $"arn:aws:events:us-east-1:{Account}:archive/forever", ["EventStartTime"] = -5, ["EventEndTime"] = 1e300,
            ["Destination"] = new JsonObject { ["Arn"] = otherArn },
        };
        await events.FailAsync("StartReplay", replay, "ValidationException");
        replay["EventStartTime"] = "yesterday";
        await events.FailAsync("StartReplay", replay, "ValidationException");
        replay["EventStartTime"] = 1;
        replay["EventEndTime"] = 2;
        replay["Destination"] = new JsonObject { ["Arn"] = otherArn, ["FilterArns"] = new JsonArray("not-an-arn") };
        await events.FailAsync("StartReplay", replay, "ValidationException");
        replay["Destination"] = "x";
        await events.FailAsync("StartReplay", replay, "ValidationException");
        await events.FailAsync("CancelReplay", new JsonObject { ["ReplayName"] = "nope" }, "ResourceNotFoundException");

        await events.CallAsync("PutRule", new JsonObject { ["Name"] = "r", ["EventPattern"] = """{"source":["x"]}""" });
        foreach (var policy in new JsonNode[]
                 {
                     new JsonObject { ["MaximumRetryAttempts"] = 186 }, new JsonObject { ["MaximumRetryAttempts"] = -1 },
                     new JsonObject { ["MaximumEventAgeInSeconds"] = 59 }, new JsonObject { ["MaximumEventAgeInSeconds"] = 86401 },
                     new JsonObject { ["MaximumRetryAttempts"] = "3" }, new JsonObject { ["Other"] = 1 }, JsonValue.Create("x"),
                 })
        {
            var target = Forward("t", "other");
            target["RetryPolicy"] = policy;
            await events.FailAsync("PutTargets", new JsonObject { ["Rule"] = "r", ["Targets"] = new JsonArray(target) }, "ValidationException");
        }
        var lambdaDlq = Forward("t", "other");
        lambdaDlq["DeadLetterConfig"] = new JsonObject { ["Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:f" };
        var failed = await events.CallAsync("PutTargets", new JsonObject { ["Rule"] = "r", ["Targets"] = new JsonArray(lambdaDlq) });
        ((int?)failed["FailedEntryCount"]).Should().Be(1);
        ((string?)failed["FailedEntries"]![0]!["ErrorMessage"]).Should().Contain("SQS");
    }

    [Fact]
    public async Task Given_a_target_that_fails_When_its_retries_are_spent_Then_the_delivery_is_on_the_named_dead_letter_list_and_redrives()
    {
        var target = new FlakyTarget();
        using var app = new ShopApp().WithServices(s => s.AddSingleton(target).AddScoped<IRuleTarget>(sp => sp.GetRequiredService<FlakyTarget>()));
        var http = app.CreateClient();
        var events = new EventBridgeClient(http);
        await events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "orders" });
        await events.CallAsync("PutRule", new JsonObject { ["Name"] = "to-flaky", ["EventBusName"] = "orders", ["EventPattern"] = """{"source":["shop.orders"]}""" });
        var put = await events.CallAsync("PutTargets", new JsonObject
        {
            ["Rule"] = "to-flaky", ["EventBusName"] = "orders",
            ["Targets"] = new JsonArray(new JsonObject
            {
                ["Id"] = "flaky", ["Arn"] = FlakyTarget.TargetName,
                ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 2, ["MaximumEventAgeInSeconds"] = 3600 },
                ["DeadLetterConfig"] = new JsonObject { ["Arn"] = $"arn:aws:sqs:us-east-1:{Account}:orders-dlq" },
            }),
        });
        ((int?)put["FailedEntryCount"]).Should().Be(0, put.ToJsonString());
        var listed = await events.CallAsync("ListTargetsByRule", new JsonObject { ["Rule"] = "to-flaky", ["EventBusName"] = "orders" });
        ((int?)listed["Targets"]![0]!["RetryPolicy"]!["MaximumRetryAttempts"]).Should().Be(2);
        ((string?)listed["Targets"]![0]!["DeadLetterConfig"]!["Arn"]).Should().EndWith(":orders-dlq");

        target.Failing = true;
        await events.PutEventAsync("orders", "shop.orders", "OrderPlaced", new JsonObject { ["orderId"] = "o-1" });
        var dead = await WaitDeadAsync(http, "orders-dlq", 1);
        dead.Should().ContainSingle();
        ((int?)dead[0]!["attempts"]).Should().Be(3, "one attempt and MaximumRetryAttempts 2 retries");
        ((string?)dead[0]!["list"]).Should().Be("orders-dlq");
        ((string?)dead[0]!["subscriber"]).Should().Be("Rule:orders/to-flaky/flaky");
        target.Attempts.Should().Be(3);
        (await WaitDeadAsync(http, "another-list", 0)).Should().BeEmpty();

        target.Failing = false;
        var redrive = await http.PostAsync(new Uri("/events/dead/redrive?list=orders-dlq", UriKind.Relative), null);
        redrive.StatusCode.Should().Be(HttpStatusCode.OK);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (target.Delivered == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        target.Delivered.Should().Be(1);
        (await WaitDeadAsync(http, "orders-dlq", 0)).Should().BeEmpty();
    }

    private static async Task<JsonArray> WaitDeadAsync(HttpClient http, string list, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var dead = (await http.GetFromJsonAsync<JsonArray>(new Uri($"/events/dead?list={list}", UriKind.Relative)))!;
            if (dead.Count == count || DateTime.UtcNow > deadline) return dead;
            await Task.Delay(50);
        }
    }

    private sealed class FlakyTarget : IRuleTarget
    {
        public const string TargetName = "test-flaky-target";

        private int _attempts;
        private int _delivered;

        public volatile bool Failing;

        public int Attempts => _attempts;

        public int Delivered => _delivered;

        public string Name => TargetName;

        public Task InvokeAsync(RuleInvocation invocation, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Failing) throw new InvalidOperationException("the target is down");
            Interlocked.Increment(ref _delivered);
            return Task.CompletedTask;
        }
    }
}
