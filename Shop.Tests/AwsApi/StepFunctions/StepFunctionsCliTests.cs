using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Xunit;
using static Shop.Tests.AwsApi.StepFunctions.SfnClient;

namespace Shop.Tests.AwsApi.StepFunctions;

/// <summary>
/// The real AWS CLI (/usr/bin/aws) against a started Shop.Web, as a user drives it with <c>--endpoint-url</c>: every
/// Step Functions operation the CLI knows (its Debian version predates RedriveExecution, which the in-process tests
/// cover), the error codes it reports, seed 003's <c>send-task-success</c> and seed 001's <c>start-execution</c> word for word.
/// </summary>
public sealed class StepFunctionsCliTests(StepFunctionsCliTests.Server server) : IClassFixture<StepFunctionsCliTests.Server>
{
    private const string Approval = "Demo.Approval";

    public sealed class Server : IAsyncLifetime
    {
        public ShopServer Shop { get; private set; } = null!;

        public AwsCli Cli { get; private set; } = null!;

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "shop-sfn-cli", Guid.NewGuid().ToString("N"));

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Folder);
            // TimeScale 0.1: seed 001's 5 s waits last 0.5 s; the barista's 900 s heartbeat still leaves 90 s.
            Shop = await ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__Demo"] = "true", ["Workflows__TimeScale"] = "0.1" });
            Cli = new AwsCli(Shop.BaseAddress, Folder);
        }

        public async Task DisposeAsync()
        {
            await Shop.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private AwsCli Cli => server.Cli;

    private Task<JsonNode> OkAsync(params string[] args) => Cli.OkAsync(args);

    private Task<AwsCliResult> FailsWithAsync(string code, params string[] args) => Cli.FailsWithAsync(code, args);

    [Fact]
    public async Task Given_the_cli_When_listing_and_describing_state_machines_Then_the_shop_workflows_show_with_ASL_definitions()
    {

        var machines = await OkAsync("stepfunctions", "list-state-machines");
        machines["stateMachines"]!.AsArray().Select(m => (string)m!["stateMachineArn"]!).Should().Contain(StateMachineArn("Coffee.OrderProcessing"));

        var described = await OkAsync("stepfunctions", "describe-state-machine", "--state-machine-arn", StateMachineArn("Coffee.OrderProcessing"));
        ((string)described["status"]!).Should().Be("ACTIVE");
        ((string)JsonNode.Parse((string)described["definition"]!)!["StartAt"]!).Should().Be("Trigger Workflow");

        await FailsWithAsync("StateMachineDoesNotExist", "stepfunctions", "describe-state-machine", "--state-machine-arn", StateMachineArn("Nope"));
        await FailsWithAsync("InvalidArn", "stepfunctions", "describe-state-machine", "--state-machine-arn", "not-an-arn");
        await FailsWithAsync("InvalidDefinition", "stepfunctions", "create-state-machine", "--name", "x", "--definition", "{}", "--role-arn", "arn:aws:iam::000000000000:role/x");
        await FailsWithAsync("ValidationException", "stepfunctions", "update-state-machine", "--state-machine-arn", StateMachineArn(Approval), "--definition", "{}");
        await FailsWithAsync("ValidationException", "stepfunctions", "delete-state-machine", "--state-machine-arn", StateMachineArn(Approval));
    }

    [Fact]
    public async Task Given_an_ASL_document_When_created_updated_run_and_deleted_with_the_cli_Then_each_revision_runs_as_written()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Folder, "hello.asl.json"),
            """{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.who)"}, "End": true}}}""");
        await File.WriteAllTextAsync(Path.Combine(server.Folder, "who.json"), """{"who": "Julia"}""");

        var created = await OkAsync("stepfunctions", "create-state-machine", "--name", "Cli.Hello", "--definition", "file://hello.asl.json",
            "--role-arn", "arn:aws:iam::000000000000:role/x");
        ((string)created["stateMachineArn"]!).Should().Be(StateMachineArn("Cli.Hello"));
        var run = await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn("Cli.Hello"), "--input", "file://who.json");
        var output = await OutputWhenEndedAsync((string)run["executionArn"]!);
        ((string)output["greeting"]!).Should().Be("Hello, Julia!");

        await OkAsync("stepfunctions", "update-state-machine", "--state-machine-arn", StateMachineArn("Cli.Hello"), "--definition",
            """{"StartAt": "Bye", "States": {"Bye": {"Type": "Pass", "Result": {"bye": true}, "End": true}}}""");
        var again = await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn("Cli.Hello"), "--input", "{}");
        ((bool)(await OutputWhenEndedAsync((string)again["executionArn"]!))["bye"]!).Should().BeTrue();

        await FailsWithAsync("InvalidDefinition", "stepfunctions", "update-state-machine", "--state-machine-arn", StateMachineArn("Cli.Hello"),
            "--definition", """{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""");
        await OkAsync("stepfunctions", "delete-state-machine", "--state-machine-arn", StateMachineArn("Cli.Hello"));
        await FailsWithAsync("StateMachineDoesNotExist", "stepfunctions", "describe-state-machine", "--state-machine-arn", StateMachineArn("Cli.Hello"));
    }

    private async Task<JsonNode> OutputWhenEndedAsync(string executionArn)
    {
        for (var i = 0; i < 120; i++)
        {
            var described = await OkAsync("stepfunctions", "describe-execution", "--execution-arn", executionArn);
            if ((string)described["status"]! != "RUNNING")
            {
                ((string)described["status"]!).Should().Be("SUCCEEDED", described.ToJsonString());
                return JsonNode.Parse((string)described["output"]!)!;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{executionArn} did not end within 60 s");
    }

    [Fact]
    public async Task Given_the_cli_When_an_execution_is_started_from_a_file_described_listed_and_stopped_Then_every_answer_is_AWS_shaped()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Folder, "test.json"), """{"order": {"id": "cli-1"}}""");

        var started = await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn(Approval),
            "--name", "cli-run", "--input", "file://test.json");
        var arn = (string)started["executionArn"]!;
        arn.Should().Be(ExecutionArn(Approval, "cli-run"));
        ((string)started["startDate"]!).Should().NotBeNullOrEmpty("the CLI parses the epoch timestamp");

        var again = await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn(Approval), "--name", "cli-run", "--input", "file://test.json");
        ((string)again["executionArn"]!).Should().Be(arn);
        await FailsWithAsync("ExecutionAlreadyExists", "stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn(Approval), "--name", "cli-run", "--input", "{}");
        await FailsWithAsync("InvalidName", "stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn(Approval), "--name", "a:b");
        await FailsWithAsync("InvalidExecutionInput", "stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn(Approval), "--input", "{nope");
        await FailsWithAsync("StateMachineDoesNotExist", "stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn("Nope"));

        var described = await OkAsync("stepfunctions", "describe-execution", "--execution-arn", arn);
        ((string)described["status"]!).Should().Be("RUNNING");
        ((string)described["name"]!).Should().Be("cli-run");
        ((string)described["stateMachineArn"]!).Should().Be(StateMachineArn(Approval));
        ((string)JsonNode.Parse((string)described["input"]!)!["order"]!["id"]!).Should().Be("cli-1");
        await FailsWithAsync("ExecutionDoesNotExist", "stepfunctions", "describe-execution", "--execution-arn", ExecutionArn(Approval, "nobody"));

        var listed = await OkAsync("stepfunctions", "list-executions", "--state-machine-arn", StateMachineArn(Approval), "--status-filter", "RUNNING");
        listed["executions"]!.AsArray().Select(e => (string)e!["executionArn"]!).Should().Contain(arn);
        var forExecution = await OkAsync("stepfunctions", "describe-state-machine-for-execution", "--execution-arn", arn);
        ((string)forExecution["name"]!).Should().Be(Approval);

        var stopped = await OkAsync("stepfunctions", "stop-execution", "--execution-arn", arn, "--error", "Operator", "--cause", "done testing");
        ((string)stopped["stopDate"]!).Should().NotBeNullOrEmpty();
        var aborted = await OkAsync("stepfunctions", "describe-execution", "--execution-arn", arn);
        ((string)aborted["status"]!).Should().Be("ABORTED");
        ((string)aborted["error"]!).Should().Be("Operator");

        var history = await OkAsync("stepfunctions", "get-execution-history", "--execution-arn", arn);
        var events = history["events"]!.AsArray();
        ((string)events[0]!["type"]!).Should().Be("ExecutionStarted");
        events[0]!["executionStartedEventDetails"]!["input"].Should().NotBeNull();
        ((string)events[^1]!["type"]!).Should().Be("ExecutionAborted");
        ((string)events[^1]!["executionAbortedEventDetails"]!["cause"]!).Should().Be("done testing");
        var reversed = await OkAsync("stepfunctions", "get-execution-history", "--execution-arn", arn, "--reverse-order", "--max-items", "1");
        ((string)reversed["events"]![0]!["type"]!).Should().Be("ExecutionAborted");
        await FailsWithAsync("ExecutionDoesNotExist", "stepfunctions", "get-execution-history", "--execution-arn", ExecutionArn(Approval, "nobody"));
    }

    [Fact]
    public async Task Given_seed_003_When_the_barista_sends_task_success_with_the_token_of_the_WaitingCompletion_event_Then_the_order_completes()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Folder, "order.json"),
            """{"detail": {"orderId": "cli-seed-003", "userId": "lars.roewekamp", "drink": "Americano grande latte"}}""");
        var started = await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn("Coffee.OrderProcessing"), "--input", "file://order.json");
        var arn = (string)started["executionArn"]!;
        var token = await WaitingTokenAsync("cli-seed-003");

        await OkAsync("stepfunctions", "send-task-heartbeat", "--task-token", token);
        // The seed's command, word for word (with the token copied from the event).
        await OkAsync("stepfunctions", "send-task-success", "--task-output", """{"baristaId": "Julia"}""", "--task-token", token);

        var done = await WaitForStatusAsync(arn, "SUCCEEDED");
        ((string)JsonNode.Parse((string)done["output"]!)!["orderCompleted"]!["orderCreated"]!["baristaId"]!).Should().Be("Julia");
        await FailsWithAsync("TaskDoesNotExist", "stepfunctions", "send-task-success", "--task-output", """{"baristaId": "Julia"}""", "--task-token", token);
        await FailsWithAsync("InvalidToken", "stepfunctions", "send-task-success", "--task-output", "{}", "--task-token", "YOUR_TASK_TOKEN");
        await FailsWithAsync("InvalidOutput", "stepfunctions", "send-task-success", "--task-output", "{nope", "--task-token", new string('A', 43));
        await FailsWithAsync("TaskDoesNotExist", "stepfunctions", "send-task-heartbeat", "--task-token", token);

        await File.WriteAllTextAsync(Path.Combine(server.Folder, "order2.json"),
            """{"detail": {"orderId": "cli-seed-003-b", "userId": "lars.roewekamp", "drink": "Espresso"}}""");
        var second = (string)(await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn("Coffee.OrderProcessing"),
            "--input", "file://order2.json"))["executionArn"]!;
        var secondToken = await WaitingTokenAsync("cli-seed-003-b");
        await OkAsync("stepfunctions", "send-task-failure", "--task-token", secondToken, "--error", "MachineBroken", "--cause", "no steam");
        var failed = await WaitForStatusAsync(second, "FAILED");
        ((string)failed["error"]!).Should().Be("DrinkFailed", "the workflow catches the barista's failure");
        await FailsWithAsync("TaskDoesNotExist", "stepfunctions", "send-task-failure", "--task-token", secondToken);
    }

    [Fact]
    public async Task Given_seed_001_When_a_simulation_is_started_with_input_from_test_json_Then_it_publishes_every_event()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Folder, "test.json"), """
            {
              "events": [
                {"source": "car", "detailType": "Car Announced", "detail": {"id": "car-cli-88888"}, "wait": "5"},
                {"source": "car", "detailType": "Inspection Completed", "detail": {"id": "car-cli-88888", "result": "Success"}, "wait": "5"}
              ]
            }
            """);

        // The seed's command, with the shop's region and account in the ARN.
        var started = await OkAsync("stepfunctions", "start-execution", "--state-machine-arn", StateMachineArn("WorkflowSimulation"), "--input", "file://test.json");

        var done = await WaitForStatusAsync((string)started["executionArn"]!, "SUCCEEDED");
        ((string)done["name"]!).Should().NotBeNullOrEmpty();
        var history = await OkAsync("stepfunctions", "get-execution-history", "--execution-arn", (string)started["executionArn"]!);
        history["events"]!.AsArray().Count(e => (string)e!["type"]! == "TaskStateEntered" && (string)e["stateEnteredEventDetails"]!["name"]! == "PutEvents")
            .Should().Be(2);
    }

    private async Task<string> WaitingTokenAsync(string orderId)
    {
        using var client = server.Shop.CreateClient();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/events?detailType=OrderProcessor.WaitingCompletion&orderId={orderId}");
            var item = page!["items"]!.AsArray().FirstOrDefault();
            if (item is not null) return (string)item["eventDetail"]!["detail"]!["TaskToken"]!;
            if (DateTime.UtcNow > until) throw new TimeoutException($"No WaitingCompletion for {orderId}:\n{server.Shop.Output}");
            await Task.Delay(100);
        }
    }

    private async Task<JsonNode> WaitForStatusAsync(string arn, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var described = await OkAsync("stepfunctions", "describe-execution", "--execution-arn", arn);
            if ((string)described["status"]! == status) return described;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{arn} is {described["status"]}, not {status}");
            await Task.Delay(200);
        }
    }
}
