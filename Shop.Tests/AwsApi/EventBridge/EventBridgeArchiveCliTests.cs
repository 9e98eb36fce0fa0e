using System.Text.Json.Nodes;
using FluentAssertions;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.AwsApi.EventBridge;

/// <summary>The real AWS CLI against a started Shop.Web: scheduled rules, archives and replays, target retry policies and dead letters.</summary>
public sealed class EventBridgeArchiveCliTests(EventBridgeCliServer fixture) : IClassFixture<EventBridgeCliServer>
{
    private const string Account = "000000000000";

    private Task<JsonNode> OkAsync(params string[] args) => new AwsCli(fixture.Server.BaseAddress).OkAsync(["events", .. args]);

    private Task<AwsCliResult> FailsAsync(string code, params string[] args) => new AwsCli(fixture.Server.BaseAddress).FailsWithAsync(code, ["events", .. args]);

    private async Task<JsonArray> EventsAsync(string bus) =>
        await new EventBridgeClient(new HttpClient { BaseAddress = fixture.Server.BaseAddress }).EventsAsync(bus);

    private async Task<JsonArray> WaitEventsAsync(string bus, int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var events = await EventsAsync(bus);
            if (events.Count >= count || DateTime.UtcNow > deadline) return events;
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Given_the_AWS_CLI_When_it_puts_a_rate_1_minute_rule_Then_the_rule_fires_its_target_with_the_Scheduled_Event_envelope()
    {
        var arn = (string?)(await OkAsync("put-rule", "--name", "cli-every-minute", "--schedule-expression", "rate(1 minute)"))["RuleArn"];
        arn.Should().Be($"arn:aws:events:us-east-1:{Account}:rule/cli-every-minute");
        await OkAsync("create-event-bus", "--name", "cli-ticks");
        await OkAsync("put-targets", "--rule", "cli-every-minute", "--targets", $$"""[{"Id":"ticks","Arn":"arn:aws:events:us-east-1:{{Account}}:event-bus/cli-ticks"}]""");
        var described = await OkAsync("describe-rule", "--name", "cli-every-minute");
        ((string?)described["ScheduleExpression"]).Should().Be("rate(1 minute)");
        ((string?)described["State"]).Should().Be("ENABLED");

        await FailsAsync("ValidationException", "put-rule", "--name", "cli-bad", "--schedule-expression", "rate(1 minutes)");
        await FailsAsync("ValidationException", "put-rule", "--name", "cli-bad", "--schedule-expression", "cron(0/5 * * * * *)");
        await FailsAsync("ValidationException", "put-rule", "--name", "cli-bad", "--event-bus-name", "cli-ticks", "--schedule-expression", "rate(5 minutes)");
        await FailsAsync("ValidationException", "put-rule", "--name", "cli-bad");
        await OkAsync("put-rule", "--name", "cli-cron", "--schedule-expression", "cron(0/5 * * * ? *)");
        await OkAsync("delete-rule", "--name", "cli-cron");

        // The first slot is the next whole minute after the rule was put: within 60 s, plus Hangfire's polling.
        var ticks = await WaitEventsAsync("cli-ticks", 1, TimeSpan.FromSeconds(100));
        ticks.Should().NotBeEmpty("rate(1 minute) fires within a minute");
        var tick = ticks[0]!["eventDetail"]!;
        ((string?)tick["source"]).Should().Be("aws.events");
        ((string?)tick["detail-type"]).Should().Be("Scheduled Event");
        tick["detail"]!.AsObject().Should().BeEmpty();
        tick["resources"]!.AsArray().Select(r => (string?)r).Should().Equal(arn);
        ((DateTimeOffset)tick["time"]!).Second.Should().Be(0);

        await OkAsync("disable-rule", "--name", "cli-every-minute");
        await OkAsync("remove-targets", "--rule", "cli-every-minute", "--ids", "ticks");
        await OkAsync("delete-rule", "--name", "cli-every-minute");
    }

    [Fact]
    public async Task Given_the_AWS_CLI_When_it_archives_a_bus_and_replays_a_window_to_one_rule_Then_the_copies_carry_replay_name_and_reach_only_that_rule()
    {
        await OkAsync("create-event-bus", "--name", "cli-arch");
        await OkAsync("create-event-bus", "--name", "cli-replayed");
        await OkAsync("create-event-bus", "--name", "cli-other-sink");
        var busArn = $"arn:aws:events:us-east-1:{Account}:event-bus/cli-arch";
        var created = await OkAsync("create-archive", "--archive-name", "cli-orders", "--event-source-arn", busArn,
            "--event-pattern", """{"source":["cli.orders"]}""", "--retention-days", "7", "--description", "orders");
        ((string?)created["ArchiveArn"]).Should().Be($"arn:aws:events:us-east-1:{Account}:archive/cli-orders");
        ((string?)created["State"]).Should().Be("ENABLED");
        await FailsAsync("ResourceAlreadyExistsException", "create-archive", "--archive-name", "cli-orders", "--event-source-arn", busArn);
        await FailsAsync("ResourceNotFoundException", "create-archive", "--archive-name", "cli-x", "--event-source-arn", $"arn:aws:events:us-east-1:{Account}:event-bus/nope");
        await FailsAsync("InvalidEventPatternException", "create-archive", "--archive-name", "cli-x", "--event-source-arn", busArn, "--event-pattern", "{\"source\":1}");
        await FailsAsync("ValidationException", "create-archive", "--archive-name", "bad name", "--event-source-arn", busArn);

        // Two rules on the bus, each forwarding elsewhere; the replay is filtered to the first.
        foreach (var (rule, sink) in new[] { ("cli-replay-target", "cli-replayed"), ("cli-other-rule", "cli-other-sink") })
        {
            await OkAsync("put-rule", "--name", rule, "--event-bus-name", "cli-arch", "--event-pattern", """{"source":["cli.orders"]}""");
            await OkAsync("put-targets", "--rule", rule, "--event-bus-name", "cli-arch",
                "--targets", $$"""[{"Id":"fwd","Arn":"arn:aws:events:us-east-1:{{Account}}:event-bus/{{sink}}"}]""");
        }
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 3; i++)
            await OkAsync("put-events", "--entries", $$"""[{"EventBusName":"cli-arch","Source":"cli.orders","DetailType":"Placed","Detail":"{\"n\":{{i}}}"}]""");
        await OkAsync("put-events", "--entries", """[{"EventBusName":"cli-arch","Source":"cli.other","DetailType":"Ignored","Detail":"{}"}]""");
        (await WaitEventsAsync("cli-replayed", 3, TimeSpan.FromSeconds(30))).Should().HaveCount(3);
        (await WaitEventsAsync("cli-other-sink", 3, TimeSpan.FromSeconds(30))).Should().HaveCount(3);

        var archive = await OkAsync("describe-archive", "--archive-name", "cli-orders");
        ((int?)archive["EventCount"]).Should().Be(3, "the pattern keeps cli.orders only");
        ((long?)archive["SizeBytes"]).Should().BePositive();
        ((int?)archive["RetentionDays"]).Should().Be(7);
        ((string?)archive["EventPattern"]).Should().Contain("cli.orders");
        (await OkAsync("list-archives", "--name-prefix", "cli-ord"))["Archives"]!.AsArray().Select(a => (string?)a!["ArchiveName"]).Should().Equal("cli-orders");
        await OkAsync("update-archive", "--archive-name", "cli-orders", "--description", "still orders", "--retention-days", "30");
        ((int?)(await OkAsync("describe-archive", "--archive-name", "cli-orders"))["RetentionDays"]).Should().Be(30);

        var archiveArn = $"arn:aws:events:us-east-1:{Account}:archive/cli-orders";
        var end = DateTimeOffset.UtcNow.AddMinutes(1);
        var destination = $$"""{"Arn":"{{busArn}}","FilterArns":["arn:aws:events:us-east-1:{{Account}}:rule/cli-arch/cli-replay-target"]}""";
        var started = await OkAsync("start-replay", "--replay-name", "cli-replay-1", "--event-source-arn", archiveArn,
            "--event-start-time", start.ToString("O"), "--event-end-time", end.ToString("O"), "--destination", destination);
        ((string?)started["ReplayArn"]).Should().Be($"arn:aws:events:us-east-1:{Account}:replay/cli-replay-1");
        ((string?)started["State"]).Should().BeOneOf("STARTING", "RUNNING", "COMPLETED");
        await FailsAsync("ResourceAlreadyExistsException", "start-replay", "--replay-name", "cli-replay-1", "--event-source-arn", archiveArn,
            "--event-start-time", start.ToString("O"), "--event-end-time", end.ToString("O"), "--destination", destination);
        await FailsAsync("ValidationException", "start-replay", "--replay-name", "cli-replay-2", "--event-source-arn", archiveArn,
            "--event-start-time", end.ToString("O"), "--event-end-time", start.ToString("O"), "--destination", destination);
        await FailsAsync("ValidationException", "start-replay", "--replay-name", "cli-replay-2", "--event-source-arn", busArn,
            "--event-start-time", start.ToString("O"), "--event-end-time", end.ToString("O"), "--destination", destination);
        await FailsAsync("ResourceNotFoundException", "start-replay", "--replay-name", "cli-replay-2", "--event-source-arn", archiveArn + "-nope",
            "--event-start-time", start.ToString("O"), "--event-end-time", end.ToString("O"), "--destination", destination);

        JsonNode replay;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do replay = await OkAsync("describe-replay", "--replay-name", "cli-replay-1");
        while ((string?)replay["State"] != "COMPLETED" && DateTime.UtcNow < deadline);
        ((string?)replay["State"]).Should().Be("COMPLETED", replay.ToJsonString());
        ((string?)replay["EventSourceArn"]).Should().Be(archiveArn);
        replay["Destination"]!["FilterArns"]!.AsArray().Should().ContainSingle();
        replay["ReplayEndTime"].Should().NotBeNull();
        replay["EventLastReplayedTime"].Should().NotBeNull();

        var replayed = await WaitEventsAsync("cli-replayed", 6, TimeSpan.FromSeconds(30));
        replayed.Should().HaveCount(6, "the three events again, through the chosen rule");
        var onArchiveBus = await EventsAsync("cli-arch");
        onArchiveBus.Where(e => (string?)e!["eventDetail"]!["replay-name"] == "cli-replay-1").Should().HaveCount(3, "the copies are stored, marked with replay-name");
        (await EventsAsync("cli-other-sink")).Should().HaveCount(3, "the other rule is not in FilterArns");
        ((int?)(await OkAsync("describe-archive", "--archive-name", "cli-orders"))["EventCount"]).Should().Be(3, "replayed copies are not archived again");

        (await OkAsync("list-replays", "--event-source-arn", archiveArn))["Replays"]!.AsArray().Select(r => (string?)r!["ReplayName"]).Should().Equal("cli-replay-1");
        (await OkAsync("list-replays", "--state", "RUNNING"))["Replays"]!.AsArray().Should().BeEmpty();
        await FailsAsync("IllegalStatusException", "cancel-replay", "--replay-name", "cli-replay-1");
        await FailsAsync("ResourceNotFoundException", "describe-replay", "--replay-name", "nope");
        await FailsAsync("ValidationException", "list-replays", "--state", "SLEEPING");

        await OkAsync("delete-archive", "--archive-name", "cli-orders");
        await FailsAsync("ResourceNotFoundException", "describe-archive", "--archive-name", "cli-orders");
        await FailsAsync("ResourceNotFoundException", "delete-archive", "--archive-name", "cli-orders");
    }

    [Fact]
    public async Task Given_the_AWS_CLI_When_it_puts_targets_with_a_retry_policy_and_a_dead_letter_queue_Then_they_are_kept_and_bad_values_refused()
    {
        await OkAsync("create-event-bus", "--name", "cli-dlq");
        await OkAsync("create-event-bus", "--name", "cli-dlq-sink");
        await OkAsync("put-rule", "--name", "cli-retrying", "--event-bus-name", "cli-dlq", "--event-pattern", """{"source":["x"]}""");
        var target = $$$"""{"Id":"fwd","Arn":"arn:aws:events:us-east-1:{{{Account}}}:event-bus/cli-dlq-sink","RetryPolicy":{"MaximumRetryAttempts":4,"MaximumEventAgeInSeconds":600},"DeadLetterConfig":{"Arn":"arn:aws:sqs:us-east-1:{{{Account}}}:cli-dead"}}""";
        ((int?)(await OkAsync("put-targets", "--rule", "cli-retrying", "--event-bus-name", "cli-dlq", "--targets", $"[{target}]"))["FailedEntryCount"]).Should().Be(0);
        var listed = (await OkAsync("list-targets-by-rule", "--rule", "cli-retrying", "--event-bus-name", "cli-dlq"))["Targets"]![0]!;
        ((int?)listed["RetryPolicy"]!["MaximumRetryAttempts"]).Should().Be(4);
        ((int?)listed["RetryPolicy"]!["MaximumEventAgeInSeconds"]).Should().Be(600);
        ((string?)listed["DeadLetterConfig"]!["Arn"]).Should().Be($"arn:aws:sqs:us-east-1:{Account}:cli-dead");

        await FailsAsync("ValidationException", "put-targets", "--rule", "cli-retrying", "--event-bus-name", "cli-dlq",
            "--targets", $$$"""[{"Id":"fwd","Arn":"arn:aws:events:us-east-1:{{{Account}}}:event-bus/cli-dlq-sink","RetryPolicy":{"MaximumRetryAttempts":186}}]""");
        await FailsAsync("ValidationException", "put-targets", "--rule", "cli-retrying", "--event-bus-name", "cli-dlq",
            "--targets", $$$"""[{"Id":"fwd","Arn":"arn:aws:events:us-east-1:{{{Account}}}:event-bus/cli-dlq-sink","RetryPolicy":{"MaximumEventAgeInSeconds":90000}}]""");
    }
}
