using System.Text.Json.Nodes;
using FluentAssertions;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.AwsApi.EventBridge;

/// <summary>AWSEvents.* in process: each operation's answer and error shapes, and pagination.</summary>
public sealed class EventBridgeBusAndRuleTests : IDisposable
{
    private const string Pattern = """{"source":["test.shop"]}""";

    private readonly ShopApp _app = new();
    private readonly EventBridgeClient _events;

    public EventBridgeBusAndRuleTests() => _events = new EventBridgeClient(_app.CreateClient());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_a_new_bus_When_created_described_listed_and_deleted_Then_each_answers_as_EventBridge()
    {
        var created = await _events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "orders-bus" });
        ((string?)created["EventBusArn"]).Should().Be("arn:aws:events:us-east-1:000000000000:event-bus/orders-bus");

        var described = await _events.CallAsync("DescribeEventBus", new JsonObject { ["Name"] = "arn:aws:events:us-east-1:000000000000:event-bus/orders-bus" });
        ((string?)described["Name"]).Should().Be("orders-bus");
        var listed = await _events.CallAsync("ListEventBuses", new JsonObject());
        listed["EventBuses"]!.AsArray().Select(b => (string?)b!["Name"]).Should().Contain(["default", "orders-bus"]);
        ((string?)(await _events.CallAsync("DescribeEventBus", new JsonObject()))["Name"]).Should().Be("default");

        await _events.CallAsync("DeleteEventBus", new JsonObject { ["Name"] = "orders-bus" });
        await _events.FailAsync("DescribeEventBus", new JsonObject { ["Name"] = "orders-bus" }, "ResourceNotFoundException");
        // As EventBridge: deleting a bus that is gone succeeds.
        await _events.CallAsync("DeleteEventBus", new JsonObject { ["Name"] = "orders-bus" });
    }

    [Fact]
    public async Task Given_bad_bus_requests_When_sent_Then_each_answers_its_EventBridge_error()
    {
        await _events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "twice" });
        await _events.FailAsync("CreateEventBus", new JsonObject { ["Name"] = "twice" }, "ResourceAlreadyExistsException");
        await _events.FailAsync("CreateEventBus", new JsonObject { ["Name"] = "default" }, "ResourceAlreadyExistsException");
        await _events.FailAsync("CreateEventBus", new JsonObject { ["Name"] = "no spaces allowed" }, "ValidationException");
        await _events.FailAsync("CreateEventBus", new JsonObject(), "ValidationException");
        await _events.FailAsync("CreateEventBus", new JsonObject { ["Name"] = 42 }, "ValidationException");
        (await _events.FailAsync("DeleteEventBus", new JsonObject { ["Name"] = "default" }, "ValidationException"))
            .Should().Contain("default");
        await _events.FailAsync("DescribeEventBus", new JsonObject { ["Name"] = "nobody" }, "ResourceNotFoundException");
        await _events.FailAsync("ListRules", new JsonObject { ["EventBusName"] = "nobody" }, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Given_a_rule_When_put_described_disabled_enabled_and_deleted_Then_each_answers_as_EventBridge()
    {
        await _events.CallAsync("CreateEventBus", new JsonObject { ["Name"] = "bus-a" });
        var put = await _events.CallAsync("PutRule", new JsonObject
        {
            ["Name"] = "to-sink", ["EventBusName"] = "bus-a", ["EventPattern"] = Pattern, ["Description"] = "test rule",
        });
        ((string?)put["RuleArn"]).Should().Be("arn:aws:events:us-east-1:000000000000:rule/bus-a/to-sink");

        var rule = await _events.CallAsync("DescribeRule", new JsonObject { ["Name"] = "to-sink", ["EventBusName"] = "bus-a" });
        ((string?)rule["State"]).Should().Be("ENABLED");
        ((string?)rule["EventPattern"]).Should().Be(Pattern);
        ((string?)rule["EventBusName"]).Should().Be("bus-a");
        ((string?)rule["Description"]).Should().Be("test rule");
        rule["ManagedBy"].Should().BeNull();

        await _events.CallAsync("DisableRule", new JsonObject { ["Name"] = "to-sink", ["EventBusName"] = "bus-a" });
        ((string?)(await _events.CallAsync("DescribeRule", new JsonObject { ["Name"] = "to-sink", ["EventBusName"] = "bus-a" }))["State"])
            .Should().Be("DISABLED");
        await _events.CallAsync("EnableRule", new JsonObject { ["Name"] = "to-sink", ["EventBusName"] = "bus-a" });

        // The rule belongs to bus-a: the default bus has no such rule.
        await _events.FailAsync("DescribeRule", new JsonObject { ["Name"] = "to-sink" }, "ResourceNotFoundException");
        await _events.FailAsync("EnableRule", new JsonObject { ["Name"] = "to-sink" }, "ResourceNotFoundException");
        await _events.FailAsync("DeleteEventBus", new JsonObject { ["Name"] = "bus-a" }, "ValidationException");

        await _events.CallAsync("DeleteRule", new JsonObject { ["Name"] = "to-sink", ["EventBusName"] = "bus-a" });
        await _events.FailAsync("DescribeRule", new JsonObject { ["Name"] = "to-sink", ["EventBusName"] = "bus-a" }, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Given_bad_rule_requests_When_sent_Then_each_answers_its_EventBridge_error()
    {
        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["EventPattern"] = """{"source":"not-an-array"}""" }, "InvalidEventPatternException");
        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["EventPattern"] = "{not json" }, "InvalidEventPatternException");
        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad" }, "ValidationException");
        // Scheduled rules exist now (issue 16); a schedule EventBridge would refuse is still a ValidationException naming it.
        (await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "every-minute", ["ScheduleExpression"] = "rate(1 minutes)" }, "ValidationException"))
            .Should().Contain("ScheduleExpression");
        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["EventPattern"] = Pattern, ["State"] = "MAYBE" }, "ValidationException");
        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad name", ["EventPattern"] = Pattern }, "ValidationException");
        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "bad", ["EventPattern"] = Pattern, ["EventBusName"] = "nobody" }, "ResourceNotFoundException");
        await _events.FailAsync("DisableRule", new JsonObject { ["Name"] = "nobody" }, "ResourceNotFoundException");
        await _events.FailAsync("ListTargetsByRule", new JsonObject { ["Rule"] = "nobody" }, "ResourceNotFoundException");
        await _events.FailAsync("PutTargets", new JsonObject
        {
            ["Rule"] = "nobody", ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "t", ["Arn"] = "arn:aws:events:us-east-1:000000000000:event-bus/default" }),
        }, "ResourceNotFoundException");
        // Nothing was made by any of them.
        (await _events.CallAsync("ListRules", new JsonObject { ["NamePrefix"] = "bad" }))["Rules"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Given_a_rule_declared_in_code_When_listed_and_changed_Then_it_is_listed_as_managed_and_refuses_changes()
    {
        var rules = (await _events.CallAsync("ListRules", new JsonObject()))["Rules"]!.AsArray();
        var managed = rules.Single(r => (string?)r!["Name"] == "fulfillment-payment-authorized")!;
        ((string?)managed["ManagedBy"]).Should().Be("shop");
        ((string?)managed["EventBusName"]).Should().Be("default");
        var targets = await _events.CallAsync("ListTargetsByRule", new JsonObject { ["Rule"] = "fulfillment-payment-authorized" });
        targets["Targets"]!.AsArray().Should().ContainSingle();

        await _events.FailAsync("PutRule", new JsonObject { ["Name"] = "fulfillment-payment-authorized", ["EventPattern"] = Pattern }, "ManagedRuleException");
        await _events.FailAsync("DisableRule", new JsonObject { ["Name"] = "fulfillment-payment-authorized" }, "ManagedRuleException");
        await _events.FailAsync("DeleteRule", new JsonObject { ["Name"] = "fulfillment-payment-authorized" }, "ManagedRuleException");
        await _events.FailAsync("RemoveTargets", new JsonObject { ["Rule"] = "fulfillment-payment-authorized", ["Ids"] = new JsonArray("x") }, "ManagedRuleException");
        ((string?)(await _events.CallAsync("DescribeRule", new JsonObject { ["Name"] = "fulfillment-payment-authorized" }))["State"]).Should().Be("ENABLED");
    }

    [Fact]
    public async Task Given_targets_When_put_listed_and_removed_Then_a_rule_with_targets_cannot_be_deleted_and_bad_targets_fail_alone()
    {
        await _events.CallAsync("PutRule", new JsonObject { ["Name"] = "with-targets", ["EventPattern"] = Pattern });
        var put = await _events.CallAsync("PutTargets", new JsonObject
        {
            ["Rule"] = "with-targets",
            ["Targets"] = new JsonArray(
                new JsonObject { ["Id"] = "machine", ["Arn"] = "arn:aws:states:us-east-1:000000000000:stateMachine:Test.Callback", ["InputPath"] = "$.detail" },
                new JsonObject { ["Id"] = "lambda", ["Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:f" }),
        });
        ((int?)put["FailedEntryCount"]).Should().Be(1);
        ((string?)put["FailedEntries"]![0]!["TargetId"]).Should().Be("lambda");
        ((string?)put["FailedEntries"]![0]!["ErrorCode"]).Should().Be("ValidationException");

        var listed = (await _events.CallAsync("ListTargetsByRule", new JsonObject { ["Rule"] = "with-targets" }))["Targets"]!.AsArray();
        listed.Should().ContainSingle();
        ((string?)listed[0]!["InputPath"]).Should().Be("$.detail");

        await _events.FailAsync("DeleteRule", new JsonObject { ["Name"] = "with-targets" }, "ValidationException");
        await _events.FailAsync("PutTargets", new JsonObject
        {
            ["Rule"] = "with-targets",
            ["Targets"] = new JsonArray(new JsonObject
            {
                ["Id"] = "bad-template", ["Arn"] = "arn:aws:events:us-east-1:000000000000:event-bus/default",
                ["InputTransformer"] = new JsonObject { ["InputPathsMap"] = new JsonObject { ["x"] = "not a path" }, ["InputTemplate"] = "<x>" },
            }),
        }, "ValidationException");

        var removed = await _events.CallAsync("RemoveTargets", new JsonObject { ["Rule"] = "with-targets", ["Ids"] = new JsonArray("machine") });
        ((int?)removed["FailedEntryCount"]).Should().Be(0);
        await _events.CallAsync("DeleteRule", new JsonObject { ["Name"] = "with-targets" });
    }

    [Fact]
    public async Task Given_more_rules_than_the_limit_When_listed_page_by_page_Then_NextToken_walks_them_all_once()
    {
        for (var i = 0; i < 5; i++)
            await _events.CallAsync("PutRule", new JsonObject { ["Name"] = $"paged-{i}", ["EventPattern"] = Pattern });

        var names = new List<string>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["NamePrefix"] = "paged-", ["Limit"] = 2 };
            if (token is not null) request["NextToken"] = token;
            var page = await _events.CallAsync("ListRules", request);
            names.AddRange(page["Rules"]!.AsArray().Select(r => (string)r!["Name"]!));
            token = (string?)page["NextToken"];
        }
        while (token is not null);

        names.Should().Equal("paged-0", "paged-1", "paged-2", "paged-3", "paged-4");
        await _events.FailAsync("ListRules", new JsonObject { ["NextToken"] = "garbage!" }, "ValidationException");
        await _events.FailAsync("ListRules", new JsonObject { ["Limit"] = 0 }, "ValidationException");
    }

    [Fact]
    public async Task Given_patterns_When_tested_Then_the_shops_matcher_answers_and_a_bad_pattern_is_InvalidEventPatternException()
    {
        const string evt = """{"id":"1","source":"test.shop","detail-type":"X","account":"000000000000","region":"us-east-1","time":"2026-01-01T00:00:00Z","resources":[],"detail":{"n":5}}""";
        var match = await _events.CallAsync("TestEventPattern", new JsonObject { ["EventPattern"] = """{"detail":{"n":[{"numeric":[">",3]}]}}""", ["Event"] = evt });
        ((bool?)match["Result"]).Should().BeTrue();
        var miss = await _events.CallAsync("TestEventPattern", new JsonObject { ["EventPattern"] = """{"source":["other"]}""", ["Event"] = evt });
        ((bool?)miss["Result"]).Should().BeFalse();

        await _events.FailAsync("TestEventPattern", new JsonObject { ["EventPattern"] = """{"detail":{"n":[{"numeric":["??",3]}]}}""", ["Event"] = evt }, "InvalidEventPatternException");
        await _events.FailAsync("TestEventPattern", new JsonObject { ["EventPattern"] = Pattern, ["Event"] = "not json" }, "ValidationException");
        await _events.FailAsync("TestEventPattern", new JsonObject { ["Event"] = evt }, "ValidationException");
    }
}
