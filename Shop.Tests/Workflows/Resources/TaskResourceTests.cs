using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.Workflows.Resources;

/// <summary>Each local Task resource, invoked as the ASL compiler's steps invoke it: inside a step's unit of work.</summary>
public sealed class TaskResourceTests : IDisposable
{
    private readonly Probe _probe = new();
    private readonly ShopApp _app;

    public TaskResourceTests() => _app = new ShopApp().WithTestWorkflows(_probe);

    public void Dispose() => _app.Dispose();

    /// <param name="fail">Throws after the resource ran, to show its effects roll back with the step.</param>
    private async Task<JsonNode?> InvokeAsync(string resource, string input, string pattern = "", string? token = null, bool fail = false)
    {
        _app.CreateClient();
        await using var scope = _app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var task = services.GetServices<ITaskResource>().Single(r => r.Serves(resource));
        var json = JsonNode.Parse(input)!;
        var context = new StateContext("exec-1", "run-1", "Test.Kinds", DateTimeOffset.UtcNow, json, "Task", DateTimeOffset.UtcNow, 0, token);
        var step = new StepContext(services, context, "exec-1", "run-1", "Test.Kinds", "Task", json, 0, token);
        return await services.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            var result = await task.InvokeAsync(new TaskInvocation(resource, pattern, json.DeepClone(), step), ct);
            if (fail) throw new InvalidOperationException("the step failed after the task");
            return result;
        });
    }

    private async Task<StepFailedException> FailsAsync(string resource, string input)
    {
        var act = () => InvokeAsync(resource, input);
        return (await act.Should().ThrowAsync<StepFailedException>()).Which;
    }

    [Fact]
    public async Task Given_the_Add_function_When_invoked_by_lambda_invoke_and_by_its_arn_Then_it_answers_as_Lambda()
    {
        var invoked = await InvokeAsync("arn:aws:states:::lambda:invoke",
            """{"FunctionName":"arn:aws:lambda:us-east-1:000000000000:function:Add:$LATEST","Payload":{"add":{"numbers":[12.5,3]}}}""");
        var bare = await InvokeAsync("arn:aws:lambda:us-east-1:000000000000:function:Add", """{"add":{"numbers":[1,2,3]}}""");
        var typeError = await FailsAsync("arn:aws:states:::lambda:invoke", """{"FunctionName":"Add","Payload":{}}""");
        var missing = await FailsAsync("arn:aws:states:::lambda:invoke", """{"FunctionName":"Nope","Payload":{}}""");

        invoked!["Payload"]!["result"]!.GetValue<decimal>().Should().Be(15.5m);
        invoked["StatusCode"]!.GetValue<int>().Should().Be(200);
        invoked["ExecutedVersion"]!.GetValue<string>().Should().Be("$LATEST");
        invoked["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>().Should().Be(200);
        bare!.ToJsonString().Should().Be("""{"result":6}""");
        typeError.Error.Should().Be("TypeError");
        JsonNode.Parse(typeError.Cause!)!["errorType"]!.GetValue<string>().Should().Be("TypeError");
        JsonNode.Parse(typeError.Cause!)!["errorMessage"]!.GetValue<string>().Should().Contain("numbers");
        missing.Error.Should().Be("Lambda.ResourceNotFoundException");
    }

    [Fact]
    public async Task Given_a_table_When_dynamodb_tasks_put_get_update_and_query_Then_the_store_answers_and_conditions_fail_by_name()
    {
        await InvokeAsync("arn:aws:states:::aws-sdk:dynamodb:putItem", """{"TableName":"orders","Item":{"customerId":{"S":"c-1"},"orderId":{"S":"o-1"},"orderStatus":{"S":"DELIVERING"},"itemId":{"S":"item-1"}}}""");
        var conflict = await FailsAsync("arn:aws:states:::dynamodb:putItem",
            """{"TableName":"orders","Item":{"customerId":{"S":"c-1"},"orderId":{"S":"o-1"},"orderStatus":{"S":"DELIVERED"},"itemId":{"S":"item-1"}},"ConditionExpression":"attribute_not_exists(orderId)"}""");
        await InvokeAsync("arn:aws:states:::dynamodb:updateItem",
            """{"TableName":"orders","Key":{"customerId":{"S":"c-1"},"orderId":{"S":"o-1"}},"UpdateExpression":"SET orderStatus = :s","ExpressionAttributeValues":{":s":{"S":"DELIVERED"}}}""");
        var got = await InvokeAsync("arn:aws:states:::dynamodb:getItem", """{"TableName":"orders","Key":{"customerId":{"S":"c-1"},"orderId":{"S":"o-1"}}}""");
        var queried = await InvokeAsync("arn:aws:states:::aws-sdk:dynamodb:query",
            """{"TableName":"orders","KeyConditionExpression":"customerId = :c","ExpressionAttributeValues":{":c":{"S":"c-1"}}}""");
        var missingTable = await FailsAsync("arn:aws:states:::dynamodb:getItem", """{"TableName":"sw-config-table","Key":{"PK":{"S":"config"}}}""");

        conflict.Error.Should().Be("DynamoDB.ConditionalCheckFailedException");
        got!["Item"]!["orderStatus"]!["S"]!.GetValue<string>().Should().Be("DELIVERED");
        got["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>().Should().Be(200);
        queried!["Count"]!.GetValue<int>().Should().Be(1);
        missingTable.Error.Should().Be("DynamoDB.ResourceNotFoundException");
        var order = JsonNode.Parse(await _app.CreateClient().GetStringAsync("/order/describe/c-1/o-1"))!;
        order["status"]!.GetValue<string>().Should().Be("DELIVERED");
    }

    [Fact]
    public async Task Given_the_shops_api_When_apigateway_invoke_calls_it_in_the_step_Then_answers_errors_and_rollback_as_the_step()
    {
        var client = _app.CreateClient();
        var before = JsonNode.Parse(await client.GetStringAsync("/inventory/describe/item-1"))!;

        var described = await InvokeAsync("arn:aws:states:::apigateway:invoke",
            """{"ApiEndpoint":"abc123.execute-api.us-east-1.amazonaws.com","Method":"GET","Path":"/inventory/describe/item-1","AuthType":"NO_AUTH"}""");
        var notFound = await FailsAsync("arn:aws:states:::apigateway:invoke", """{"ApiEndpoint":"x","Method":"GET","Path":"/customer/describe/nobody"}""");
        var noRoute = await FailsAsync("arn:aws:states:::apigateway:invoke", """{"ApiEndpoint":"x","Method":"GET","Path":"/no/such/path"}""");
        var reserve = () => InvokeAsync("arn:aws:states:::apigateway:invoke", """{"ApiEndpoint":"x","Method":"GET","Path":"/inventory/reserve/item-1"}""", fail: true);
        await reserve.Should().ThrowAsync<InvalidOperationException>();
        var reserved = await InvokeAsync("arn:aws:states:::apigateway:invoke", """{"ApiEndpoint":"x","Method":"GET","Path":"/inventory/reserve/item-1"}""");

        described!["StatusCode"]!.GetValue<int>().Should().Be(200);
        described["StatusText"]!.GetValue<string>().Should().Be("OK");
        described["ResponseBody"]!["itemId"]!.GetValue<string>().Should().Be("item-1");
        described["Headers"]!.AsObject().Should().ContainKey("Content-Type");
        notFound.Error.Should().Be("ApiGateway.404");
        JsonNode.Parse(notFound.Cause!)!["detail"]!.GetValue<string>().Should().Contain("nobody");
        noRoute.Error.Should().Be("ApiGateway.404");
        var after = JsonNode.Parse(await client.GetStringAsync("/inventory/describe/item-1"))!;
        reserved!["ResponseBody"]!["reserved"]!.GetValue<int>().Should().Be(before["reserved"]!.GetValue<int>() + 1, "the rolled-back reserve left nothing behind");
        after["available"]!.GetValue<int>().Should().Be(before["available"]!.GetValue<int>() - 1);
    }

    [Fact]
    public async Task Given_entries_When_put_by_an_events_task_Then_they_are_on_the_bus_with_the_execution_arns_appended()
    {
        var result = await InvokeAsync("arn:aws:states:::events:putEvents", """
            {"Entries":[{"Source":"ok.serverlessworkshop","DetailType":"OrderProcessor.WaitingCompletion","Detail":{"orderId":"o-7","TaskToken":"t"}},
                        {"Source":"ok.serverlessworkshop","DetailType":"Text","Detail":"{\"orderId\":\"o-8\"}","Resources":["arn:x"]}]}
            """, "waitForTaskToken", token: "t");

        result!["FailedEntryCount"]!.GetValue<int>().Should().Be(0);
        var ids = result["Entries"]!.AsArray().Select(e => e!["EventId"]!.GetValue<string>()).ToList();
        ids.Should().HaveCount(2);
        await using var scope = _app.Services.CreateAsyncScope();
        var second = await scope.ServiceProvider.GetRequiredService<IEventStore>().FindAsync(ids[1]);
        second!.Envelope.Resources.Should().Equal("arn:x", "arn:aws:states:us-east-1:000000000000:stateMachine:Test.Kinds",
            "arn:aws:states:us-east-1:000000000000:execution:Test.Kinds:run-1");
        second.Envelope.Detail["orderId"]!.GetValue<string>().Should().Be("o-8");
        var bad = await FailsAsync("arn:aws:states:::events:putEvents", """{"Entries":[{"Source":"s","DetailType":"d","Detail":"not json"}]}""");
        bad.Error.Should().Be("EventBridge.FailedEntry");
    }

    [Fact]
    public async Task Given_executions_When_sfn_sdk_tasks_start_list_describe_and_stop_Then_PascalCase_answers()
    {
        var started = await InvokeAsync("arn:aws:states:::aws-sdk:sfn:startExecution",
            """{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:Test.Slow","Name":"child-1","Input":"{\"n\":1}"}""");
        var listed = await InvokeAsync("arn:aws:states:::aws-sdk:sfn:listExecutions",
            """{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:Test.Slow","StatusFilter":"RUNNING","MaxResults":100}""");
        var described = await InvokeAsync("arn:aws:states:::aws-sdk:sfn:describeExecution", $$"""{"ExecutionArn":"{{started!["ExecutionArn"]}}"}""");
        await InvokeAsync("arn:aws:states:::aws-sdk:sfn:stopExecution", $$"""{"ExecutionArn":"{{started["ExecutionArn"]}}","Error":"Stopped"}""");
        var stopped = await InvokeAsync("arn:aws:states:::aws-sdk:sfn:describeExecution", $$"""{"ExecutionArn":"{{started["ExecutionArn"]}}"}""");
        var unknown = await FailsAsync("arn:aws:states:::aws-sdk:sfn:describeExecution", """{"ExecutionArn":"arn:aws:states:us-east-1:000000000000:execution:Test.Slow:nope"}""");
        var badToken = await FailsAsync("arn:aws:states:::aws-sdk:sfn:sendTaskSuccess", """{"TaskToken":"","Output":"{}"}""");

        started["ExecutionArn"]!.GetValue<string>().Should().Be("arn:aws:states:us-east-1:000000000000:execution:Test.Slow:child-1");
        listed!["Executions"]!.AsArray().Select(e => e!["Name"]!.GetValue<string>()).Should().Equal("child-1");
        described!["Status"]!.GetValue<string>().Should().Be("RUNNING");
        described["Input"]!.GetValue<string>().Should().Be("""{"n":1}""");
        stopped!["Status"]!.GetValue<string>().Should().Be("ABORTED");
        unknown.Error.Should().Be("Sfn.ExecutionDoesNotExistException");
        badToken.Error.Should().StartWith("Sfn.");
    }

    [Fact]
    public async Task Given_a_sync_child_When_the_engine_reports_its_end_Then_the_parents_token_is_answered()
    {
        var client = _app.CreateClient();
        var parent = await client.StartAsync("Test.Callback", new { orderId = "p-1" });
        var token = await _probe.TokenAsync(parent);
        var started = await InvokeAsync("arn:aws:states:::states:startExecution",
            """{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:Test.Slow","Name":"sync-child","Input":{"n":2}}""", "sync", token);
        var childArn = started!["ExecutionArn"]!.GetValue<string>();
        await InvokeAsync("arn:aws:states:::aws-sdk:sfn:stopExecution", $$"""{"ExecutionArn":"{{childArn}}","Error":"Stopped"}""");

        // What the engine publishes on every top-level execution end (SEAM.md).
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(ct => scope.ServiceProvider.GetRequiredService<IEventPublisher>()
                .PublishAsync("aws.states", "Step Functions Execution Status Change", new JsonObject { ["executionArn"] = childArn, ["status"] = "ABORTED" }, cancellationToken: ct));

        var ended = await client.WaitForStatusAsync(parent, "FAILED");
        ended["error"]!.GetValue<string>().Should().Be("States.TaskFailed");
        JsonNode.Parse(ended["cause"]!.GetValue<string>())!["ExecutionArn"]!.GetValue<string>().Should().Be(childArn);
    }
}
