using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Xunit;
using static Shop.Tests.AwsApi.StepFunctions.SfnClient;

namespace Shop.Tests.AwsApi.StepFunctions;

/// <summary>Step Functions over HTTP in process: name rules, pagination with nextToken, the ASL rendering, history details.</summary>
public sealed class StepFunctionsApiTests : IDisposable
{
    private const string Sleeper = "Test.Sleeper";

    // Starts and then waits an hour: an execution costs one row and one deadline, so hundreds start quickly.
    private static readonly WorkflowDefinition SleeperDefinition = Workflow.Define(Sleeper)
        .Wait("Sleep", w => w.Seconds(3600).Next("Done"))
        .Succeed("Done")
        .Build();

    private readonly ShopApp _app = new ShopApp().With("Workflows:Demo", "true").WithServices(s => s.AddWorkflow(SleeperDefinition));

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("a")]
    [InlineData("order-1234_v2.final")]
    [InlineData("ünïcödé-名前")]
    [InlineData("with@at+plus=equals!(parens)'quote")]
    [InlineData("emoji-😀")]
    [InlineData("eighty-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Given_a_name_AWS_accepts_When_starting_Then_the_execution_has_that_name(string name)
    {
        name.Length.Should().BeLessThanOrEqualTo(80);
        var client = _app.CreateClient();

        var started = await client.SfnOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper), ["name"] = name });

        ((string)started["executionArn"]!).Should().Be(ExecutionArn(Sleeper, name));
        var described = await client.SfnOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = started["executionArn"]!.DeepClone() });
        ((string)described["name"]!).Should().Be(name);
    }

    [Theory]
    [InlineData("eighty-one-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("control\u0001")]
    [InlineData("c1-control\u0085")]
    [InlineData("<angle>")]
    [InlineData("{brace}")]
    [InlineData("[bracket]")]
    [InlineData("wild?")]
    [InlineData("wild*")]
    [InlineData("quote\"")]
    [InlineData("hash#")]
    [InlineData("percent%")]
    [InlineData("back\\slash")]
    [InlineData("caret^")]
    [InlineData("pipe|")]
    [InlineData("tilde~")]
    [InlineData("back`tick")]
    [InlineData("dollar$")]
    [InlineData("amp&")]
    [InlineData("comma,")]
    [InlineData("semi;")]
    [InlineData("colon:")]
    [InlineData("slash/")]
    [InlineData("noncharacter-\uffff")]
    public async Task Given_a_name_AWS_refuses_When_starting_Then_InvalidName_and_nothing_starts(string name)
    {
        var client = _app.CreateClient();

        var reply = await client.SfnAsync("StartExecution", new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper), ["name"] = name });

        reply.Status.Should().Be(HttpStatusCode.BadRequest, reply.ToString());
        reply.Type.Should().Be("InvalidName", reply.ToString());
        var listed = await client.SfnOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper) });
        listed["executions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Given_250_executions_When_listed_100_at_a_time_with_nextToken_Then_every_one_comes_once_newest_first()
    {
        var client = _app.CreateClient();
        using (var scope = _app.Services.CreateScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
            for (var i = 0; i < 250; i++) await engine.StartAsync(Sleeper, new JsonObject { ["i"] = i }, $"run-{i:D3}");
        }

        var names = new List<string>();
        var starts = new List<decimal>();
        string? token = null;
        var pages = 0;
        do
        {
            var request = new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper), ["maxResults"] = 100 };
            if (token is not null) request["nextToken"] = token;
            var page = await client.SfnOkAsync("ListExecutions", request);
            var executions = page["executions"]!.AsArray();
            executions.Count.Should().BeLessThanOrEqualTo(100);
            names.AddRange(executions.Select(e => (string)e!["name"]!));
            starts.AddRange(executions.Select(e => (decimal)e!["startDate"]!));
            token = (string?)page["nextToken"];
            pages++;
            // A start between pages must not shift the later pages (the token is a keyset, not an offset).
            if (pages == 1) await client.SfnOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper), ["name"] = "late" });
        }
        while (token is not null);

        pages.Should().Be(3);
        names.Should().HaveCount(250).And.OnlyHaveUniqueItems().And.NotContain("late");
        names.Should().BeEquivalentTo(Enumerable.Range(0, 250).Select(i => $"run-{i:D3}"));
        starts.Should().BeInDescendingOrder();
        names[0].Should().Be("run-249", "newest first");

        var running = await client.SfnOkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = StateMachineArn(Sleeper), ["statusFilter"] = "RUNNING", ["maxResults"] = 1000,
        });
        running["executions"]!.AsArray().Should().HaveCount(251);
        running["nextToken"].Should().BeNull();
        var succeeded = await client.SfnOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper), ["statusFilter"] = "SUCCEEDED" });
        succeeded["executions"]!.AsArray().Should().BeEmpty();

        var firstPage = await client.SfnOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = StateMachineArn(Sleeper), ["maxResults"] = 10 });
        var otherFilter = await client.SfnAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = StateMachineArn(Sleeper), ["statusFilter"] = "RUNNING", ["nextToken"] = firstPage["nextToken"]!.DeepClone(),
        });
        otherFilter.Type.Should().Be("InvalidToken", "a token is bound to its state machine and filter");
    }

    [Fact]
    public async Task Given_the_barista_workflow_When_described_Then_its_definition_is_ASL_with_tasks_choices_catches_and_fails()
    {
        var client = _app.CreateClient();

        var described = await client.SfnOkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = StateMachineArn("Coffee.OrderProcessing") });

        ((string)described["name"]!).Should().Be("Coffee.OrderProcessing");
        ((string)described["status"]!).Should().Be("ACTIVE");
        ((string)described["type"]!).Should().Be("STANDARD");
        ((string)described["roleArn"]!).Should().Be("arn:aws:iam::000000000000:role/shop");
        ((decimal)described["creationDate"]!).Should().BeGreaterThan(1_000_000_000m);
        var asl = JsonNode.Parse((string)described["definition"]!)!;
        ((string)asl["StartAt"]!).Should().Be("Trigger Workflow");
        var states = asl["States"]!.AsObject();
        ((string)states["Trigger Workflow"]!["Type"]!).Should().Be("Task");
        ((string)states["Trigger Workflow"]!["Resource"]!).Should().Be("arn:aws:states:::shop:Coffee.OrderProcessing/Trigger Workflow");
        ((string)states["Trigger Workflow"]!["Next"]!).Should().Be("Get Store Status");
        var choice = states["Is store open?"]!;
        ((string)choice["Type"]!).Should().Be("Choice");
        ((string)choice["Choices"]![0]!["Comment"]!).Should().Contain("store closed");
        ((string)choice["Choices"]![0]!["Variable"]!).Should().Be("$");
        ((string)choice["Choices"]![0]!["Next"]!).Should().Be("Store Closed");
        ((string)choice["Default"]!).Should().Be("Get Capacity");
        var waiting = states["Awaiting Order Completion"]!;
        ((string)waiting["Resource"]!).Should().EndWith(".waitForTaskToken");
        ((int)waiting["HeartbeatSeconds"]!).Should().Be(900);
        ((string)waiting["ResultPath"]!).Should().Be("$.orderToCreate.barista");
        ((string)waiting["Catch"]![0]!["ErrorEquals"]![0]!).Should().Be("States.Timeout");
        ((string)waiting["Catch"]![0]!["Next"]!).Should().Be("Barista timed out");
        ((bool)states["Order Completed"]!["End"]!).Should().BeTrue();
        ((string)states["Store Closed"]!["Type"]!).Should().Be("Fail");
        ((string)states["Store Closed"]!["Error"]!).Should().Be("StoreClosed");
        states["Store Closed"]!.AsObject().ContainsKey("Next").Should().BeFalse();

        var machines = await client.SfnOkAsync("ListStateMachines", new JsonObject());
        machines["stateMachines"]!.AsArray().Select(m => (string)m!["name"]!).Should().Contain(["Coffee.OrderProcessing", Sleeper, "Demo.Approval"]);
        var paged = await client.SfnOkAsync("ListStateMachines", new JsonObject { ["maxResults"] = 1 });
        paged["stateMachines"]!.AsArray().Should().ContainSingle();
        var second = await client.SfnOkAsync("ListStateMachines", new JsonObject { ["maxResults"] = 1, ["nextToken"] = paged["nextToken"]!.DeepClone() });
        ((string)second["stateMachines"]![0]!["name"]!).Should().NotBe((string)paged["stateMachines"]![0]!["name"]!);
    }

    [Fact]
    public async Task Given_an_execution_When_its_history_is_read_Then_events_carry_ids_details_and_page_both_ways()
    {
        var client = _app.CreateClient();
        var started = await client.SfnOkAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = StateMachineArn(Sleeper), ["name"] = "history", ["input"] = """{"hello": "world"}""",
        });
        var arn = (string)started["executionArn"]!;
        await client.SfnOkAsync("StopExecution", new JsonObject { ["executionArn"] = arn, ["error"] = "Stop", ["cause"] = "enough" });

        var all = (await client.SfnOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn }))["events"]!.AsArray();

        all.Select(e => (string)e!["type"]!).Should().Equal("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
        all.Select(e => (long)e!["id"]!).Should().Equal(1, 2, 3);
        all.Select(e => (long)e!["previousEventId"]!).Should().Equal(0, 1, 2);
        var startedDetails = all[0]!["executionStartedEventDetails"]!;
        JsonNode.DeepEquals(JsonNode.Parse((string)startedDetails["input"]!), JsonNode.Parse("""{"hello": "world"}""")).Should().BeTrue();
        ((string)startedDetails["roleArn"]!).Should().StartWith("arn:aws:iam::");
        ((string)all[1]!["stateEnteredEventDetails"]!["name"]!).Should().Be("Sleep");
        ((string)all[2]!["executionAbortedEventDetails"]!["error"]!).Should().Be("Stop");
        ((string)all[2]!["executionAbortedEventDetails"]!["cause"]!).Should().Be("enough");

        var reversed = new List<long>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["executionArn"] = arn, ["maxResults"] = 2, ["reverseOrder"] = true, ["includeExecutionData"] = false };
            if (token is not null) request["nextToken"] = token;
            var page = await client.SfnOkAsync("GetExecutionHistory", request);
            page["events"]!.AsArray().Should().OnlyContain(e => e!["executionStartedEventDetails"] == null || e["executionStartedEventDetails"]!["input"] == null);
            reversed.AddRange(page["events"]!.AsArray().Select(e => (long)e!["id"]!));
            token = (string?)page["nextToken"];
        }
        while (token is not null);
        reversed.Should().Equal(3, 2, 1);

        var forExecution = await client.SfnOkAsync("DescribeStateMachineForExecution", new JsonObject { ["executionArn"] = arn });
        ((string)forExecution["stateMachineArn"]!).Should().Be(StateMachineArn(Sleeper));
        ((string)JsonNode.Parse((string)forExecution["definition"]!)!["States"]!["Sleep"]!["Type"]!).Should().Be("Wait");
    }
}
