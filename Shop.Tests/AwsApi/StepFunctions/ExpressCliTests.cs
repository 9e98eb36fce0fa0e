using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Xunit;
using static Shop.Tests.AwsApi.StepFunctions.SfnClient;

namespace Shop.Tests.AwsApi.StepFunctions;

/// <summary>
/// EXPRESS machines and StartSyncExecution through the real AWS CLI. The CLI sends StartSyncExecution to
/// <c>sync-127.0.0.1:{port}</c> (the model's host prefix), a name nothing resolves here; with
/// <c>HTTP_PROXY=http://127.0.0.1:{port}</c> the CLI hands that request to the shop, which answers it itself (the
/// README's no-root setup; an /etc/hosts line is the other). The host filter accepts the prefix and nothing else.
/// </summary>
public sealed class ExpressCliTests(ExpressCliTests.Server server) : IClassFixture<ExpressCliTests.Server>
{
    private const string Role = "arn:aws:iam::000000000000:role/x";

    public sealed class Server : IAsyncLifetime
    {
        public ShopServer Shop { get; private set; } = null!;

        public AwsCli Cli { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Shop = await ShopServer.StartAsync(new Dictionary<string, string>
            {
                ["Workflows__ExpressHistory__MaxRuns"] = "2",
                ["Workflows__ExpressHistory__SweepSeconds"] = "1",
            });
            Cli = new AwsCli(Shop.BaseAddress);
            Cli.Environment["HTTP_PROXY"] = Shop.BaseAddress.ToString().TrimEnd('/');
            Cli.Environment["NO_PROXY"] = "";
        }

        public async Task DisposeAsync() => await Shop.DisposeAsync();
    }

    private AwsCli Cli => server.Cli;

    private Task<JsonNode> OkAsync(params string[] args) => Cli.OkAsync(args);

    private Task<AwsCliResult> FailsWithAsync(string code, params string[] args) => Cli.FailsWithAsync(code, args);

    private const string Succeeding = """
        {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.who)"}, "End": true}}}
        """;

    private const string Failing = """
        {"StartAt": "Check", "States": {"Check": {"Type": "Fail", "Error": "Order.Invalid", "Cause": "no items"}}}
        """;

    private async Task<string> CreateAsync(string name, string definition, string type = "EXPRESS") =>
        (string)(await OkAsync("stepfunctions", "create-state-machine", "--name", name, "--definition", definition, "--role-arn", Role, "--type", type))["stateMachineArn"]!;

    [Fact]
    public async Task Given_an_express_machine_When_start_sync_execution_runs_with_the_cli_Then_it_answers_the_output_when_the_run_ends()
    {
        var arn = await CreateAsync("express-hello", Succeeding);
        ((string)(await OkAsync("stepfunctions", "describe-state-machine", "--state-machine-arn", arn))["type"]!).Should().Be("EXPRESS");
        (await OkAsync("stepfunctions", "list-state-machines"))["stateMachines"]!.AsArray()
            .Single(m => (string)m!["name"]! == "express-hello")!["type"]!.GetValue<string>().Should().Be("EXPRESS");

        var run = await OkAsync("stepfunctions", "start-sync-execution", "--state-machine-arn", arn, "--name", "hello-1", "--input", """{"who": "Lars"}""");
        ((string)run["status"]!).Should().Be("SUCCEEDED");
        JsonNode.Parse((string)run["output"]!)!["greeting"]!.GetValue<string>().Should().Be("Hello, Lars!");
        ((string)run["executionArn"]!).Should().StartWith($"{Arn}:express:express-hello:hello-1:");
        ((string)run["stateMachineArn"]!).Should().Be(arn);
        ((string)run["startDate"]!).Should().NotBeNullOrEmpty();
        ((string)run["stopDate"]!).Should().NotBeNullOrEmpty();
        run["error"].Should().BeNull();
    }

    [Fact]
    public async Task Given_a_failing_express_machine_When_start_sync_execution_runs_with_the_cli_Then_it_answers_FAILED_with_error_and_cause()
    {
        var arn = await CreateAsync("express-fails", Failing);
        var run = await OkAsync("stepfunctions", "start-sync-execution", "--state-machine-arn", arn, "--input", "{}");
        ((string)run["status"]!).Should().Be("FAILED");
        ((string)run["error"]!).Should().Be("Order.Invalid");
        ((string)run["cause"]!).Should().Be("no items");
        run["output"].Should().BeNull();

        // HTTP 200 even though it failed, as AWS.
        using var http = server.Shop.CreateClient();
        var reply = await http.SfnAsync("StartSyncExecution", new JsonObject { ["stateMachineArn"] = arn });
        reply.Status.Should().Be(HttpStatusCode.OK, reply.ToString());
        ((string)reply.Body["status"]!).Should().Be("FAILED");
    }

    [Fact]
    public async Task Given_bad_sync_requests_When_sent_Then_AWS_errors_with_400_never_500()
    {
        var standard = await CreateAsync("standard-not-sync", Succeeding, "STANDARD");
        await FailsWithAsync("StateMachineTypeNotSupported", "stepfunctions", "start-sync-execution", "--state-machine-arn", standard);
        var express = await CreateAsync("express-bad-input", Succeeding);
        await FailsWithAsync("InvalidExecutionInput", "stepfunctions", "start-sync-execution", "--state-machine-arn", express, "--input", "not json");
        await FailsWithAsync("InvalidName", "stepfunctions", "start-sync-execution", "--state-machine-arn", express, "--name", "a b");
        await FailsWithAsync("StateMachineDoesNotExist", "stepfunctions", "start-sync-execution", "--state-machine-arn", StateMachineArn("nope"));
        await FailsWithAsync("InvalidArn", "stepfunctions", "start-sync-execution", "--state-machine-arn", "nope");

        using var http = server.Shop.CreateClient();
        foreach (var body in new[]
        {
            new JsonObject(),
            new JsonObject { ["stateMachineArn"] = 1 },
            new JsonObject { ["stateMachineArn"] = express, ["input"] = new JsonObject() },
            new JsonObject { ["stateMachineArn"] = express, ["input"] = "42" },
        })
        {
            var reply = await http.SfnAsync("StartSyncExecution", body);
            reply.Status.Should().Be(HttpStatusCode.BadRequest, $"{body.ToJsonString()}: {reply}");
            reply.Type.Should().NotBeNullOrEmpty();
        }
        var badType = await http.SfnAsync("CreateStateMachine", new JsonObject { ["name"] = "t", ["definition"] = Succeeding, ["roleArn"] = Role, ["type"] = "FAST" });
        badType.Status.Should().Be(HttpStatusCode.BadRequest);
        badType.Type.Should().Be("ValidationException");
    }

    [Fact]
    public async Task Given_the_sync_host_prefix_When_requests_arrive_Then_only_sync_of_an_allowed_host_is_accepted()
    {
        using var http = new HttpClient();
        var port = server.Shop.BaseAddress.Port;
        async Task<HttpStatusCode> ListWithHostAsync(string host, string? origin = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, server.Shop.BaseAddress)
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0"),
            };
            request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
            request.Headers.Host = $"{host}:{port}";
            if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
            return (await http.SendAsync(request)).StatusCode;
        }

        (await ListWithHostAsync("sync-127.0.0.1")).Should().Be(HttpStatusCode.OK);
        (await ListWithHostAsync("sync-localhost")).Should().Be(HttpStatusCode.OK);
        (await ListWithHostAsync("sync-evil.example")).Should().Be(HttpStatusCode.BadRequest);
        (await ListWithHostAsync("async-127.0.0.1")).Should().Be(HttpStatusCode.BadRequest);
        (await ListWithHostAsync("sync-sync-127.0.0.1")).Should().Be(HttpStatusCode.BadRequest);
        // The cross-site guard: the shop's own origin may reach its sync- name; another origin may not.
        (await ListWithHostAsync("sync-127.0.0.1", $"http://127.0.0.1:{port}")).Should().Be(HttpStatusCode.OK);
        (await ListWithHostAsync("sync-127.0.0.1", "http://evil.example")).Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Given_express_runs_beyond_MaxRuns_When_the_sweep_runs_Then_only_the_newest_are_kept()
    {
        var arn = await CreateAsync("express-short-history", Succeeding);
        var runs = new List<string>();
        for (var i = 0; i < 3; i++)
            runs.Add((string)(await OkAsync("stepfunctions", "start-sync-execution", "--state-machine-arn", arn, "--name", $"run-{i}", "--input", """{"who": "x"}"""))["executionArn"]!);

        var until = DateTime.UtcNow.AddSeconds(60);
        while ((await Cli.RunAsync("stepfunctions", "describe-execution", "--execution-arn", runs[0])).ExitCode == 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the oldest express run was never removed");
            await Task.Delay(300);
        }
        await FailsWithAsync("ExecutionDoesNotExist", "stepfunctions", "describe-execution", "--execution-arn", runs[0]);
        ((string)(await OkAsync("stepfunctions", "describe-execution", "--execution-arn", runs[2]))["status"]!).Should().Be("SUCCEEDED");
    }
}
