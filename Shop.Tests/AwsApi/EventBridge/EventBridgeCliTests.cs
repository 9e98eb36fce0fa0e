using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.AwsApi.EventBridge;

/// <summary>One started Shop.Web for the CLI tests of this class.</summary>
public sealed class EventBridgeCliServer : IAsyncLifetime
{
    public ShopServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ShopServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Seed 000's own files, read in place (../shared/fixtures/upstream from the repository root); skipped, naming the folder, when absent outside CI.</summary>
public sealed class UpstreamFixtureFactAttribute : FactAttribute
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "fixtures", "upstream"));

    public UpstreamFixtureFactAttribute()
    {
        if (!Directory.Exists(Folder) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"Seed 000's fixture folder {Folder} is missing.";
    }
}

/// <summary>The real AWS CLI (/usr/bin/aws) against a started Shop.Web: every EventBridge operation, its error codes, and the sample's command.</summary>
public sealed class EventBridgeCliTests(EventBridgeCliServer fixture) : IClassFixture<EventBridgeCliServer>
{
    private const string Account = "000000000000";

    private AwsCli Cli(string? workingDirectory = null)
    {
        AwsCli.IsInstalled.Should().BeTrue($"the AWS CLI must be at {AwsCli.Path} (scripts/install-test-deps.sh installs it)");
        return new AwsCli(fixture.Server.BaseAddress, workingDirectory);
    }

    private Task<JsonNode> OkAsync(params string[] args) => Cli().OkAsync(["events", .. args]);

    private Task<AwsCliResult> FailsAsync(string code, params string[] args) => Cli().FailsWithAsync(code, ["events", .. args]);

    [Fact]
    public async Task Given_the_AWS_CLI_When_it_manages_buses_Then_each_command_answers_and_errors_carry_EventBridge_codes()
    {
        ((string?)(await OkAsync("create-event-bus", "--name", "cli-buses"))["EventBusArn"])
            .Should().Be($"arn:aws:events:us-east-1:{Account}:event-bus/cli-buses");
        (await OkAsync("list-event-buses"))["EventBuses"]!.AsArray().Select(b => (string?)b!["Name"])
            .Should().Contain(["default", "sw-event-bus", "AppEventBus-<stack-name>", "cli-buses"]);
        ((string?)(await OkAsync("describe-event-bus", "--name", "cli-buses"))["Arn"]).Should().EndWith(":event-bus/cli-buses");

        await FailsAsync("ResourceAlreadyExistsException", "create-event-bus", "--name", "cli-buses");
        await FailsAsync("ValidationException", "create-event-bus", "--name", "bad name");
        await FailsAsync("ValidationException", "delete-event-bus", "--name", "default");
        await OkAsync("delete-event-bus", "--name", "cli-buses");
        await FailsAsync("ResourceNotFoundException", "describe-event-bus", "--name", "cli-buses");
    }

    [Fact]
    public async Task Given_the_AWS_CLI_When_it_makes_a_rule_with_a_target_and_puts_an_event_Then_the_event_is_forwarded_and_the_rule_cleans_up()
    {
        await OkAsync("create-event-bus", "--name", "cli-rules");
        await OkAsync("create-event-bus", "--name", "cli-sink");
        ((string?)(await OkAsync("put-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules", "--event-pattern", """{"source":["cli.test"]}""",
            "--description", "from the CLI"))["RuleArn"]).Should().Be($"arn:aws:events:us-east-1:{Account}:rule/cli-rules/cli-forward");
        ((string?)(await OkAsync("describe-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules"))["Description"]).Should().Be("from the CLI");
        (await OkAsync("list-rules", "--event-bus-name", "cli-rules"))["Rules"]!.AsArray().Should().ContainSingle();
        await OkAsync("disable-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules");
        ((string?)(await OkAsync("describe-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules"))["State"]).Should().Be("DISABLED");
        await OkAsync("enable-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules");

        var put = await OkAsync("put-targets", "--rule", "cli-forward", "--event-bus-name", "cli-rules",
            "--targets", $"Id=sink,Arn=arn:aws:events:us-east-1:{Account}:event-bus/cli-sink");
        ((int?)put["FailedEntryCount"]).Should().Be(0);
        ((string?)(await OkAsync("list-targets-by-rule", "--rule", "cli-forward", "--event-bus-name", "cli-rules"))["Targets"]![0]!["Id"]).Should().Be("sink");

        var sent = await OkAsync("put-events", "--entries", """[{"EventBusName":"cli-rules","Source":"cli.test","DetailType":"Ping","Detail":"{\"n\":1}"}]""");
        ((int?)sent["FailedEntryCount"]).Should().Be(0);
        var sink = await new EventBridgeClient(fixture.Server.CreateClient()).WaitForEventsAsync("cli-sink", 1);
        sink.Should().ContainSingle();
        ((string?)sink[0]!["eventDetail"]!["detail-type"]).Should().Be("Ping");

        await FailsAsync("ValidationException", "delete-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules");
        await FailsAsync("InvalidEventPatternException", "put-rule", "--name", "cli-bad", "--event-pattern", """{"source":"cli.test"}""");
        await FailsAsync("ResourceNotFoundException", "describe-rule", "--name", "cli-forward");
        await FailsAsync("ResourceNotFoundException", "list-rules", "--event-bus-name", "nobody");
        await FailsAsync("ManagedRuleException", "disable-rule", "--name", "fulfillment-payment-authorized");
        await OkAsync("remove-targets", "--rule", "cli-forward", "--event-bus-name", "cli-rules", "--ids", "sink");
        await OkAsync("delete-rule", "--name", "cli-forward", "--event-bus-name", "cli-rules");
        await FailsAsync("ResourceNotFoundException", "list-targets-by-rule", "--rule", "cli-forward", "--event-bus-name", "cli-rules");
    }

    [Fact]
    public async Task Given_the_AWS_CLI_When_it_tests_patterns_Then_the_shops_matcher_answers_and_a_bad_pattern_is_InvalidEventPatternException()
    {
        const string evt = """{"id":"1","source":"cli.test","detail-type":"Ping","account":"000000000000","region":"us-east-1","time":"2026-01-01T00:00:00Z","resources":[],"detail":{"n":1}}""";
        ((bool?)(await OkAsync("test-event-pattern", "--event-pattern", """{"detail":{"n":[1]}}""", "--event", evt))["Result"]).Should().BeTrue();
        ((bool?)(await OkAsync("test-event-pattern", "--event-pattern", """{"detail":{"n":[2]}}""", "--event", evt))["Result"]).Should().BeFalse();
        await FailsAsync("InvalidEventPatternException", "test-event-pattern", "--event-pattern", """{"detail":{"n":[{"nope":1}]}}""", "--event", evt);
    }

    // The sample's README: "choose Event buses and then the AppEventBus-<stack-name> custom event bus. Then, choose Send events";
    // its startDelivery.json sends DeliveryCanceled from Logistics for customer-1's order 2021-11-08T13:36:50.685Z.
    [UpstreamFixtureFact]
    public async Task Given_an_order_waiting_for_delivery_When_the_samples_put_events_command_runs_word_for_word_Then_the_order_is_DELIVERY_CANCELED()
    {
        Directory.Exists(UpstreamFixtureFactAttribute.Folder).Should().BeTrue($"CI must have seed 000's fixtures at {UpstreamFixtureFactAttribute.Folder}");
        const string orderId = "2021-11-08T13:36:50.685Z";
        using var http = fixture.Server.CreateClient();
        var placed = await http.PostAsJsonAsync($"/order/create/customer-1/{orderId}", new { itemId = "item-1" });
        placed.StatusCode.Should().Be(HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync());
        var executionId = (string)(await placed.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
        (await WaitForExecutionAsync(http, executionId, e => (string?)e["currentState"] == "Wait For Delivery"))["status"]!.GetValue<string>()
            .Should().Be("RUNNING");

        var result = await Cli(UpstreamFixtureFactAttribute.Folder).RunAsync("events", "put-events", "--entries", "file://startDelivery.json");

        result.ExitCode.Should().Be(0, result.ToString());
        ((int?)result.Json["FailedEntryCount"]).Should().Be(0, result.ToString());
        var onBus = await new EventBridgeClient(http).WaitForEventsAsync("AppEventBus-<stack-name>", 1, "DeliveryCanceled");
        ((string?)onBus.Single()!["eventDetail"]!["source"]).Should().Be("Logistics");
        ((string?)(await WaitForExecutionAsync(http, executionId, e => (string?)e["status"] != "RUNNING"))["status"]).Should().Be("SUCCEEDED");
        var order = await http.GetFromJsonAsync<JsonObject>($"/order/describe/customer-1/{orderId}");
        ((string?)order!["status"]).Should().Be("DELIVERY_CANCELED");
    }

    private static async Task<JsonObject> WaitForExecutionAsync(HttpClient http, string executionId, Func<JsonObject, bool> reached)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var execution = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions/{executionId}"))!;
            if (reached(execution) || (string?)execution["status"] != "RUNNING") return execution;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{executionId}: {execution.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
