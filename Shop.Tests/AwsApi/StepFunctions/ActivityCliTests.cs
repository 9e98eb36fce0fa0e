using System.Net;
using System.Text.Json.Nodes;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Xunit;
using static Shop.Tests.AwsApi.StepFunctions.SfnClient;

namespace Shop.Tests.AwsApi.StepFunctions;

/// <summary>
/// Activities through the real AWS CLI against a started Shop.Web: create/describe/list/delete, a worker loop
/// (get-activity-task, send-task-heartbeat, send-task-success) completing an execution, a missed heartbeat, a task
/// scheduled before a restart handed out after it, and the errors in AWS's shape.
/// </summary>
public sealed class ActivityCliTests(ActivityCliTests.Server server) : IClassFixture<ActivityCliTests.Server>
{
    private const string Role = "arn:aws:iam::000000000000:role/x";

    public sealed class Server : IAsyncLifetime
    {
        public ShopServer Shop { get; private set; } = null!;

        public AwsCli Cli { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // A short poll so that an empty answer comes quickly; a wake-up must still hand a task out within it.
            Shop = await ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__ActivityPollSeconds"] = "20" });
            Cli = new AwsCli(Shop.BaseAddress);
        }

        public async Task DisposeAsync() => await Shop.DisposeAsync();
    }

    private AwsCli Cli => server.Cli;

    private static Task<JsonNode> OkAsync(AwsCli cli, params string[] args) => cli.OkAsync(args);

    private static Task<AwsCliResult> FailsWithAsync(AwsCli cli, string code, params string[] args) => cli.FailsWithAsync(code, args);

    private static string ActivityMachine(string activityArn, int? heartbeat = null) => new JsonObject
    {
        ["StartAt"] = "Work",
        ["States"] = new JsonObject
        {
            ["Work"] = heartbeat is { } h
                ? new JsonObject { ["Type"] = "Task", ["Resource"] = activityArn, ["HeartbeatSeconds"] = h, ["TimeoutSeconds"] = 600, ["ResultPath"] = "$.result", ["End"] = true }
                : new JsonObject { ["Type"] = "Task", ["Resource"] = activityArn, ["ResultPath"] = "$.result", ["End"] = true },
        },
    }.ToJsonString();

    private static async Task<string> CreateActivityAsync(AwsCli cli, string name) =>
        (string)(await OkAsync(cli, "stepfunctions", "create-activity", "--name", name))["activityArn"]!;

    private static async Task<string> CreateMachineAsync(AwsCli cli, string name, string definition) =>
        (string)(await OkAsync(cli, "stepfunctions", "create-state-machine", "--name", name, "--definition", definition, "--role-arn", Role))["stateMachineArn"]!;

    private static async Task<string> StartAsync(AwsCli cli, string machineArn, string input) =>
        (string)(await OkAsync(cli, "stepfunctions", "start-execution", "--state-machine-arn", machineArn, "--input", input))["executionArn"]!;

    private static async Task<JsonNode> WaitForStatusAsync(AwsCli cli, string executionArn, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var described = await OkAsync(cli, "stepfunctions", "describe-execution", "--execution-arn", executionArn);
            if ((string)described["status"]! == status) return described;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{executionArn}: {described}");
            await Task.Delay(200);
        }
    }

    private static async Task<List<string>> HistoryTypesAsync(AwsCli cli, string executionArn) =>
        (await OkAsync(cli, "stepfunctions", "get-execution-history", "--execution-arn", executionArn))["events"]!.AsArray()
            .Select(e => (string)e!["type"]!).ToList();

    [Fact]
    public async Task Given_the_cli_When_activities_are_created_described_listed_and_deleted_Then_each_answers_as_AWS()
    {
        var arn = await CreateActivityAsync(Cli, "crud-activity");
        arn.Should().Be($"{Arn}:activity:crud-activity");
        (await CreateActivityAsync(Cli, "crud-activity")).Should().Be(arn, "creating the same name again is idempotent");

        var described = await OkAsync(Cli, "stepfunctions", "describe-activity", "--activity-arn", arn);
        ((string)described["name"]!).Should().Be("crud-activity");
        ((string)described["creationDate"]!).Should().NotBeNullOrEmpty();

        var listed = await OkAsync(Cli, "stepfunctions", "list-activities");
        listed["activities"]!.AsArray().Select(a => (string)a!["activityArn"]!).Should().Contain(arn);

        await OkAsync(Cli, "stepfunctions", "delete-activity", "--activity-arn", arn);
        await FailsWithAsync(Cli, "ActivityDoesNotExist", "stepfunctions", "describe-activity", "--activity-arn", arn);
        await OkAsync(Cli, "stepfunctions", "delete-activity", "--activity-arn", arn); // a missing one: no error, as AWS
        (await OkAsync(Cli, "stepfunctions", "list-activities"))["activities"]!.AsArray().Select(a => (string)a!["name"]!).Should().NotContain("crud-activity");
    }

    [Fact]
    public async Task Given_bad_activity_requests_When_sent_with_the_cli_Then_AWS_errors_with_400_never_500()
    {
        await FailsWithAsync(Cli, "InvalidName", "stepfunctions", "create-activity", "--name", "a b");
        await FailsWithAsync(Cli, "InvalidArn", "stepfunctions", "describe-activity", "--activity-arn", "not-an-arn");
        await FailsWithAsync(Cli, "ActivityDoesNotExist", "stepfunctions", "get-activity-task", "--activity-arn", $"{Arn}:activity:nobody");
        // A Task naming an activity that does not exist is refused when the machine is created.
        await FailsWithAsync(Cli, "InvalidDefinition", "stepfunctions", "create-state-machine", "--name", "no-activity",
            "--definition", ActivityMachine($"{Arn}:activity:never-created"), "--role-arn", Role);

        using var http = server.Shop.CreateClient();
        foreach (var (operation, body) in new[]
        {
            ("GetActivityTask", new JsonObject { ["activityArn"] = 5 }),
            ("GetActivityTask", new JsonObject()),
            ("CreateActivity", new JsonObject { ["name"] = new JsonArray() }),
            ("DescribeActivity", new JsonObject { ["activityArn"] = $"{Arn}:stateMachine:x" }),
            ("ListActivities", new JsonObject { ["maxResults"] = -1 }),
            ("ListActivities", new JsonObject { ["nextToken"] = "garbage!!" }),
            ("DeleteActivity", new JsonObject { ["activityArn"] = "" }),
        })
        {
            var reply = await http.SfnAsync(operation, body);
            reply.Status.Should().Be(HttpStatusCode.BadRequest, $"{operation} {body.ToJsonString()}: {reply}");
            reply.Type.Should().NotBeNullOrEmpty();
            ((string?)reply.Body["message"]).Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public async Task Given_a_worker_loop_with_the_cli_When_it_takes_heartbeats_and_answers_Then_the_execution_succeeds_with_activity_history()
    {
        var activity = await CreateActivityAsync(Cli, "worker-loop");
        var machine = await CreateMachineAsync(Cli, "worker-loop-machine", ActivityMachine(activity, heartbeat: 60));
        var empty = await OkAsync(Cli, "stepfunctions", "get-activity-task", "--activity-arn", activity, "--worker-name", "idle");
        empty["taskToken"].Should().BeNull("nothing was scheduled: the long poll answers without a token");

        // The poll starts before the task exists: it is woken in-process when the task commits.
        var polling = Cli.RunAsync("stepfunctions", "get-activity-task", "--activity-arn", activity, "--worker-name", "worker-1");
        await Task.Delay(1500);
        var execution = await StartAsync(Cli, machine, """{"order": 42}""");
        var taken = await polling;
        taken.ExitCode.Should().Be(0, taken.ToString());
        var token = (string)taken.Json["taskToken"]!;
        JsonNode.Parse((string)taken.Json["input"]!)!["order"]!.GetValue<int>().Should().Be(42);

        await OkAsync(Cli, "stepfunctions", "send-task-heartbeat", "--task-token", token);
        await OkAsync(Cli, "stepfunctions", "send-task-success", "--task-token", token, "--task-output", """{"done": true}""");
        var done = await WaitForStatusAsync(Cli, execution, "SUCCEEDED");
        JsonNode.Parse((string)done["output"]!)!["result"]!["done"]!.GetValue<bool>().Should().BeTrue();

        var history = await OkAsync(Cli, "stepfunctions", "get-execution-history", "--execution-arn", execution);
        var events = history["events"]!.AsArray();
        events.Select(e => (string)e!["type"]!).Should().ContainInOrder("TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited");
        events.Select(e => (string)e!["type"]!).Should().NotContain("TaskScheduled");
        var scheduled = events.First(e => (string)e!["type"]! == "ActivityScheduled")!["activityScheduledEventDetails"]!;
        ((string)scheduled["resource"]!).Should().Be(activity);
        ((int)scheduled["heartbeatInSeconds"]!).Should().Be(60);
        ((string)events.First(e => (string)e!["type"]! == "ActivityStarted")!["activityStartedEventDetails"]!["workerName"]!).Should().Be("worker-1");
        JsonNode.Parse((string)events.First(e => (string)e!["type"]! == "ActivitySucceeded")!["activitySucceededEventDetails"]!["output"]!)!["done"]!
            .GetValue<bool>().Should().BeTrue();

        await FailsWithAsync(Cli, "TaskDoesNotExist", "stepfunctions", "send-task-success", "--task-token", token, "--task-output", "{}");
    }

    [Fact]
    public async Task Given_a_worker_that_stops_heartbeating_When_HeartbeatSeconds_pass_Then_ActivityTimedOut_with_States_HeartbeatTimeout()
    {
        var activity = await CreateActivityAsync(Cli, "silent-worker");
        var machine = await CreateMachineAsync(Cli, "silent-worker-machine", ActivityMachine(activity, heartbeat: 2));
        var execution = await StartAsync(Cli, machine, "{}");
        var taken = await OkAsync(Cli, "stepfunctions", "get-activity-task", "--activity-arn", activity, "--worker-name", "silent");
        ((string?)taken["taskToken"]).Should().NotBeNullOrEmpty();

        var failed = await WaitForStatusAsync(Cli, execution, "FAILED");
        ((string)failed["error"]!).Should().Be("States.HeartbeatTimeout");
        var types = await HistoryTypesAsync(Cli, execution);
        types.Should().ContainInOrder("ActivityScheduled", "ActivityStarted", "ActivityTimedOut", "ExecutionFailed");
        await FailsWithAsync(Cli, "TaskTimedOut", "stepfunctions", "send-task-success", "--task-token", (string)taken["taskToken"]!, "--task-output", "{}");
    }

    [Fact]
    public async Task Given_an_activity_task_scheduled_before_a_restart_When_a_worker_polls_after_it_Then_it_is_handed_out_and_completes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-activity-restart", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string execution;
            string activity;
            await using (var before = await ShopServer.StartAsync(dataFolder: folder))
            {
                var cli = new AwsCli(before.BaseAddress);
                activity = await CreateActivityAsync(cli, "survivor");
                var machine = await CreateMachineAsync(cli, "survivor-machine", ActivityMachine(activity));
                execution = await StartAsync(cli, machine, """{"kept": "across restarts"}""");
                using var http = before.CreateClient();
                var until = DateTime.UtcNow.AddSeconds(60);
                while (!(await HistoryTypesAsync(cli, execution)).Contains("ActivityScheduled"))
                {
                    if (DateTime.UtcNow > until) throw new TimeoutException("the activity task was never scheduled");
                    await Task.Delay(200);
                }
                before.Kill();
            }

            await using var after = await ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__ActivityPollSeconds"] = "20" }, folder);
            var worker = new AwsCli(after.BaseAddress);
            var taken = await OkAsync(worker, "stepfunctions", "get-activity-task", "--activity-arn", activity, "--worker-name", "after-restart");
            JsonNode.Parse((string)taken["input"]!)!["kept"]!.GetValue<string>().Should().Be("across restarts");
            await OkAsync(worker, "stepfunctions", "send-task-success", "--task-token", (string)taken["taskToken"]!, "--task-output", """{"ok": 1}""");
            await WaitForStatusAsync(worker, execution, "SUCCEEDED");
            (await OkAsync(worker, "stepfunctions", "describe-activity", "--activity-arn", activity))["name"]!.GetValue<string>().Should().Be("survivor");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
