using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Choreography.Contracts;
using Shop.Tests.Choreography;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Seeds;

/// <summary>Seed 001 (aws-stepfunctions-choreography-monitoring) followed as its reader would, in its own words.</summary>
public sealed class Seed001ChoreographyTests
{
    /// <summary>The seed's test.json, as printed ("wait" as strings).</summary>
    private static JsonObject SeedTestJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "seed", "simulations", "second-hand-car-happy.json")))!.AsObject();

    private static async Task<string> StartSimulationExecutionAsync(HttpClient client, JsonObject input)
    {
        // StartExecution's shape: the input as a JSON string, as `aws stepfunctions start-execution --input file://test.json` sends it.
        var response = await client.PostAsJsonAsync("/workflows/WorkflowSimulation/executions", new JsonObject { ["input"] = input.ToJsonString() });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
    }

    // "provision a Step Functions workflow that publish a sequence of events, which you can specify as input"
    [Fact]
    public async Task Given_the_seeds_test_json_When_the_WorkflowSimulation_state_machine_is_started_Then_it_publishes_each_event_and_waits_its_wait()
    {
        using var app = new ShopApp().With("Workflows:TimeScale", "0.001");
        using var client = app.CreateClient();
        var input = SeedTestJson();
        input["events"]!.AsArray().Select(e => e!["wait"]!.GetValueKind()).Should().HaveCount(10).And.AllBeEquivalentTo(System.Text.Json.JsonValueKind.String,
            "the seed writes its waits as strings");

        var executionId = await StartSimulationExecutionAsync(client, input);

        var done = await client.WaitForStatusAsync(executionId, "SUCCEEDED", seconds: 60);
        ((string)done["workflow"]!).Should().Be("WorkflowSimulation");
        var steps = (await client.HistoryAsync(executionId))
            .Where(e => (string?)e["state"] is "PutEvents" or "Wait" && ((string)e["type"]!).EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => (string)e["state"]!).ToList();
        steps.Should().Equal(Enumerable.Repeat(new[] { "PutEvents", "Wait" }, 10).SelectMany(pair => pair));
        // The choreography it was written for ran to its end on those events.
        var run = await client.RunAsync("SecondHandCar", "car-88888");
        (await client.WaitForStatusAsync((string)run["executionId"]!, "SUCCEEDED", seconds: 30))["output"]!["lastEvent"]!["detail-type"]!
            .GetValue<string>().Should().Be("Car Sold", "the last all-of (delivered and invoiced) keeps the event that entered it");
    }

    // "aws stepfunctions start-execution --state-machine-arn arn:aws:states:<region>:<accountId>:stateMachine:<workflowId> --input file://test.json"
    [Fact]
    public async Task Given_the_seeds_command_line_When_the_AWS_CLI_starts_WorkflowSimulation_with_file_test_json_Then_the_simulation_runs()
    {
        var folder = Directory.CreateTempSubdirectory("seed001-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "test.json"), SeedTestJson().ToJsonString());
            await using var server = await ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__TimeScale"] = "0.001" });
            var aws = new AwsCli(server.BaseAddress, folder);

            var started = await aws.RunAsync("stepfunctions", "start-execution",
                "--state-machine-arn", "arn:aws:states:us-east-1:000000000000:stateMachine:WorkflowSimulation", "--input", "file://test.json");

            started.ExitCode.Should().Be(0, started.ToString());
            var executionArn = (string)started.Json["executionArn"]!;
            var status = "RUNNING";
            for (var i = 0; i < 600 && status == "RUNNING"; i++)
            {
                await Task.Delay(100);
                var described = await aws.RunAsync("stepfunctions", "describe-execution", "--execution-arn", executionArn);
                described.ExitCode.Should().Be(0, described.ToString());
                status = (string)described.Json["status"]!;
            }
            status.Should().Be("SUCCEEDED");
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            var run = await client.RunAsync("SecondHandCar", "car-88888");
            await client.WaitForStatusAsync((string)run["executionId"]!, "SUCCEEDED", seconds: 30);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Given_a_simulation_When_it_starts_Then_the_first_event_is_published_before_its_wait_and_the_next_one_after_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
        using var app = new ShopApp().WithClock(clock);
        using var client = app.CreateClient();
        var input = new JsonObject
        {
            ["events"] = new JsonArray(
                new JsonObject { ["source"] = "sim", ["detailType"] = "First", ["detail"] = new JsonObject { ["id"] = "x" }, ["wait"] = "5" },
                new JsonObject { ["source"] = "sim", ["detailType"] = "Second", ["detail"] = new JsonObject { ["id"] = "x" }, ["wait"] = "5" }),
        };

        var executionId = await StartSimulationExecutionAsync(client, input);

        await WaitInStateAsync(client, executionId, "Wait");
        (await DetailTypesAsync(client)).Should().Equal(["First"], "the first event goes out at once, then its wait begins");
        clock.Advance(TimeSpan.FromSeconds(5));
        await app.FireDueDeadlinesAsync();
        await WaitForHistoryAsync(client, executionId, "PutEvents", 2);
        (await DetailTypesAsync(client)).Should().Equal("First", "Second");
        clock.Advance(TimeSpan.FromSeconds(5));
        await app.FireDueDeadlinesAsync();
        await client.WaitForStatusAsync(executionId, "SUCCEEDED");
    }

    [Fact]
    public async Task Given_POST_choreography_simulations_When_started_Then_it_is_an_execution_of_the_same_WorkflowSimulation()
    {
        using var app = new ShopApp().With("Workflows:TimeScale", "0.001");
        using var client = app.CreateClient();

        var simulation = await client.SimulateAsync(SeedTestJson());

        var execution = await client.DescribeAsync((string)simulation["simulationId"]!);
        ((string)execution["workflow"]!).Should().Be("WorkflowSimulation");
        execution["input"]!["events"]!.AsArray().Should().HaveCount(10);
        ((int)simulation["published"]!).Should().Be(10);
    }

    [Fact]
    public async Task Given_a_car_whose_run_ended_When_the_same_simulation_runs_again_Then_a_new_run_follows_its_events()
    {
        using var app = new ShopApp().With("Workflows:TimeScale", "0.001");
        using var client = app.CreateClient();
        await client.SimulateAsync(SeedTestJson());
        var first = await client.RunAsync("SecondHandCar", "car-88888");
        await client.WaitForStatusAsync((string)first["executionId"]!, "SUCCEEDED", seconds: 30);

        await client.SimulateAsync(SeedTestJson());

        var second = await WaitForNewRunAsync(client, "car-88888", (string)first["executionId"]!);
        var execution = await client.WaitForStatusAsync((string)second["executionId"]!, "SUCCEEDED", seconds: 30);
        ((string)execution["name"]!).Should().Be("car-88888.2");
        var latest = await client.RunAsync("SecondHandCar", "car-88888");
        ((int)latest["events"]!).Should().Be(10, "every event of the second simulation went to the second run");
        var executions = await client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Choreography.SecondHandCar");
        executions!["executions"]!.AsArray().Select(e => (string)e!["name"]!).Should().BeEquivalentTo("car-88888", "car-88888.2");
    }

    // "entityId - The path in the expected event payload where to find the choreography correlation id. By default this is $$.Execution.Input.detail.id"
    [Theory]
    [InlineData("$$.Execution.Input.detail.id", "car-88888")]
    [InlineData("$.detail.id", "car-88888")]
    [InlineData("detail.id", "car-88888")]
    [InlineData("$$.Execution.Input.order-id", "o-1")]
    public void Given_an_entity_id_path_as_the_seed_writes_it_When_an_event_comes_Then_it_finds_the_id(string path, string expected)
    {
        var definition = Choreographies.Define("PathAsTheSeedWritesIt")
            .StartWhen("""{"source":["car"]}""").Correlate("""{"source":["car"]}""").EntityIdPath(path)
            .Wait("Waiting", s => s.On("Car Sold", "Done")).End("Done").Build();
        var evt = JsonNode.Parse("""{"source":"car","detail-type":"Car Announced","detail":{"id":"car-88888"},"order-id":"o-1"}""");

        definition.EntityIdOf(evt).Should().Be(expected);
    }

    [Theory]
    [InlineData("$$.Task.Token")]
    [InlineData("$.detail[0].id")]
    [InlineData("$.detail.*")]
    [InlineData("$$.Execution.Input.")]
    public void Given_an_entity_id_path_that_could_match_nothing_When_defined_Then_it_is_refused_at_definition_time(string path)
    {
        var define = () => Choreographies.Define("BadPath").EntityIdPath(path);

        define.Should().Throw<InvalidOperationException>().WithMessage("*entity id path*");
    }

    private static Task<JsonObject> WaitForNewRunAsync(HttpClient client, string entityId, string previousExecutionId) =>
        Eventually.UntilAsync(() => client.RunAsync("SecondHandCar", entityId),
            run => (string)run["executionId"]! != previousExecutionId, _ => $"no new run of {entityId}");

    private static async Task WaitInStateAsync(HttpClient client, string executionId, string state)
    {
        for (var i = 0; i < 1200 && (string?)(await client.DescribeAsync(executionId))["currentState"] != state; i++) await Task.Delay(25);
        ((string?)(await client.DescribeAsync(executionId))["currentState"]).Should().Be(state);
    }

    private static Task<int> WaitForHistoryAsync(HttpClient client, string executionId, string state, int succeeded) =>
        Eventually.UntilAsync(async () => (await client.HistoryAsync(executionId)).Count(e => (string?)e["state"] == state && (string)e["type"]! == "TaskSucceeded"),
            count => count >= succeeded, count => $"{state} succeeded {count} times, not {succeeded}");

    private static async Task<List<string>> DetailTypesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonObject>("/events?source=sim");
        return page!["items"]!.AsArray().Select(i => (string)i!["eventDetail"]!["detail-type"]!).ToList();
    }
}
