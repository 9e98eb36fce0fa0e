using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Xunit;
using static Shop.Tests.AwsApi.StepFunctions.SfnClient;

namespace Shop.Tests.AwsApi.StepFunctions;

/// <summary>Each Step Functions error code in AWS's shape: 400, <c>{"__type": code, "message": ...}</c>, nothing changed.</summary>
public sealed class StepFunctionsErrorTests : IClassFixture<StepFunctionsErrorTests.App>
{
    private const string Approval = "Demo.Approval";
    private static readonly string ValidLookingToken = new('A', 43);
    private readonly ShopApp _app;
    private readonly HttpClient _client;

    public StepFunctionsErrorTests(App app)
    {
        _app = app.Shop;
        _client = app.Shop.CreateClient();
    }

    public sealed class App : IDisposable
    {
        public ShopApp Shop { get; } = new ShopApp().With("Workflows:Demo", "true");

        public void Dispose() => Shop.Dispose();
    }

    public static TheoryData<string, string, string> Errors() => new()
    {
        { "DescribeStateMachine", """{"stateMachineArn": "not-an-arn"}""", "InvalidArn" },
        { "DescribeStateMachine", $$"""{"stateMachineArn": "{{Arn}}:execution:Demo.Approval:x"}""", "InvalidArn" },
        { "DescribeStateMachine", $$"""{"stateMachineArn": "{{StateMachineArn("Nope")}}"}""", "StateMachineDoesNotExist" },
        { "DescribeStateMachine", "{}", "ValidationException" },
        { "DescribeStateMachineForExecution", $$"""{"executionArn": "{{ExecutionArn(Approval, "none")}}"}""", "ExecutionDoesNotExist" },
        { "DescribeExecution", $$"""{"executionArn": "{{ExecutionArn(Approval, "none")}}"}""", "ExecutionDoesNotExist" },
        { "DescribeExecution", $$"""{"executionArn": "{{StateMachineArn(Approval)}}"}""", "InvalidArn" },
        { "DescribeExecution", """{"executionArn": 12}""", "SerializationException" },
        { "GetExecutionHistory", $$"""{"executionArn": "{{ExecutionArn(Approval, "none")}}"}""", "ExecutionDoesNotExist" },
        { "StopExecution", $$"""{"executionArn": "{{ExecutionArn(Approval, "none")}}"}""", "ExecutionDoesNotExist" },
        { "RedriveExecution", $$"""{"executionArn": "{{ExecutionArn(Approval, "none")}}"}""", "ExecutionDoesNotExist" },
        { "StartExecution", $$"""{"stateMachineArn": "{{StateMachineArn("Nope")}}"}""", "StateMachineDoesNotExist" },
        { "StartExecution", """{"stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine"}""", "InvalidArn" },
        { "StartExecution", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}", "input": "{not json"}""", "InvalidExecutionInput" },
        { "StartExecution", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}", "input": "42"}""", "InvalidExecutionInput" },
        { "StartExecution", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}", "name": "has space"}""", "InvalidName" },
        { "ListExecutions", "{}", "ValidationException" },
        { "ListExecutions", $$"""{"stateMachineArn": "{{StateMachineArn("Nope")}}"}""", "StateMachineDoesNotExist" },
        { "ListExecutions", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}", "statusFilter": "DONE"}""", "ValidationException" },
        { "ListExecutions", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}", "maxResults": 1001}""", "ValidationException" },
        { "ListExecutions", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}", "nextToken": "garbage!"}""", "InvalidToken" },
        { "ListStateMachines", """{"nextToken": "e30"}""", "InvalidToken" },
        { "SendTaskSuccess", """{"taskToken": "abc", "output": "{}"}""", "InvalidToken" },
        { "SendTaskSuccess", $$"""{"taskToken": "{{ValidLookingToken}}", "output": "{}"}""", "TaskDoesNotExist" },
        { "SendTaskSuccess", $$"""{"taskToken": "{{ValidLookingToken}}", "output": "{bad"}""", "InvalidOutput" },
        { "SendTaskSuccess", $$"""{"taskToken": "{{ValidLookingToken}}"}""", "ValidationException" },
        { "SendTaskFailure", $$"""{"taskToken": "{{ValidLookingToken}}", "error": "E"}""", "TaskDoesNotExist" },
        { "SendTaskFailure", $$"""{"taskToken": "{{ValidLookingToken}}", "error": "{{new string('e', 257)}}"}""", "ValidationException" },
        { "SendTaskHeartbeat", $$"""{"taskToken": "{{ValidLookingToken}}"}""", "TaskDoesNotExist" },
        { "SendTaskHeartbeat", """{"taskToken": "has spaces in it, not a token"}""", "InvalidToken" },
        { "CreateStateMachine", """{"name": "x", "definition": "{}", "roleArn": "arn:aws:iam::000000000000:role/x"}""", "InvalidDefinition" },
        { "CreateStateMachine", """{"name": "x", "definition": "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\"}}}", "roleArn": "arn:aws:iam::000000000000:role/x"}""", "InvalidDefinition" },
        { "CreateStateMachine", """{"name": "x", "definition": "{}", "roleArn": "arn:aws:iam::000000000000:role/x", "type": "FAST"}""", "ValidationException" },
        { "CreateStateMachine", $$"""{"name": "{{Approval}}", "definition": "{}", "roleArn": "arn:aws:iam::000000000000:role/x"}""", "StateMachineAlreadyExists" },
        { "UpdateStateMachine", $$"""{"stateMachineArn": "{{StateMachineArn("Nope")}}", "definition": "{}"}""", "StateMachineDoesNotExist" },
        { "UpdateStateMachine", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}"}""", "ValidationException" },
        { "DeleteStateMachine", $$"""{"stateMachineArn": "{{StateMachineArn(Approval)}}"}""", "ValidationException" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Given_a_bad_request_When_called_Then_400_with_the_Step_Functions_error_code(string operation, string body, string code)
    {
        var reply = await _client.SfnAsync(operation, JsonNode.Parse(body)!.AsObject());

        reply.Status.Should().Be(HttpStatusCode.BadRequest, reply.ToString());
        reply.Type.Should().Be(code, reply.ToString());
        ((string?)reply.Body["message"]).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Given_an_execution_When_started_again_with_the_same_name_Then_the_same_input_returns_it_and_another_is_ExecutionAlreadyExists()
    {
        var start = new JsonObject { ["stateMachineArn"] = StateMachineArn(Approval), ["name"] = "same-name", ["input"] = """{"a": 1}""" };
        var first = await _client.SfnOkAsync("StartExecution", start);
        ((string)first["executionArn"]!).Should().Be(ExecutionArn(Approval, "same-name"));

        var again = await _client.SfnOkAsync("StartExecution", start.DeepClone().AsObject());
        ((string)again["executionArn"]!).Should().Be((string)first["executionArn"]!);
        ((decimal)again["startDate"]!).Should().Be((decimal)first["startDate"]!);

        var other = start.DeepClone().AsObject();
        other["input"] = """{"a": 2}""";
        var reply = await _client.SfnAsync("StartExecution", other);
        reply.Type.Should().Be("ExecutionAlreadyExists", reply.ToString());
        var listed = await _client.SfnOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = StateMachineArn(Approval) });
        listed["executions"]!.AsArray().Count(e => (string)e!["name"]! == "same-name").Should().Be(1);
    }

    [Fact]
    public async Task Given_a_running_or_succeeded_execution_When_redriven_Then_ExecutionNotRedrivable_and_a_stopped_one_cannot_be_stopped_again()
    {
        var started = await _client.SfnOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = StateMachineArn(Approval), ["name"] = "not-redrivable" });
        var arn = new JsonObject { ["executionArn"] = started["executionArn"]!.DeepClone() };

        (await _client.SfnAsync("RedriveExecution", arn.DeepClone().AsObject())).Type.Should().Be("ExecutionNotRedrivable");
        var stopped = await _client.SfnOkAsync("StopExecution", arn.DeepClone().AsObject());
        ((decimal)stopped["stopDate"]!).Should().BeGreaterThan(0);
        (await _client.SfnAsync("StopExecution", arn.DeepClone().AsObject())).Type.Should().Be("ValidationException");
    }

    [Fact]
    public async Task Given_a_failed_execution_When_redriven_Then_it_runs_again_from_the_failed_state()
    {
        var started = await _client.SfnOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = StateMachineArn(Approval), ["name"] = "redrive-me" });
        var arn = (string)started["executionArn"]!;
        await WaitForHistoryAsync(arn, "TaskScheduled");
        // Demo.Approval fails when its callback fails with "Rejected" (Catch -> Fail state "Rejected"); the operator's way in.
        using (var scope = _app.Services.CreateScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
            var execution = (await engine.FindByNameAsync(Approval, "redrive-me"))!;
            await engine.SendTaskFailureForExecutionAsync(execution.ExecutionId, "Rejected", "no");
        }
        var failed = await _client.WaitForExecutionAsync(arn, "FAILED");
        ((string)failed["error"]!).Should().Be("Rejected");

        var redrive = await _client.SfnOkAsync("RedriveExecution", new JsonObject { ["executionArn"] = arn });

        ((decimal)redrive["redriveDate"]!).Should().BeGreaterThan(0);
        await WaitForHistoryAsync(arn, "ExecutionRedriven");
        var again = await _client.WaitForExecutionAsync(arn, "FAILED");
        ((int)again["redriveCount"]!).Should().Be(1);
        again["redriveDate"].Should().NotBeNull();
    }

    private async Task WaitForHistoryAsync(string arn, string type)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var history = await _client.SfnOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 });
            if (history["events"]!.AsArray().Any(e => (string)e!["type"]! == type)) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"No {type} in {history}");
            await Task.Delay(50);
        }
    }
}
