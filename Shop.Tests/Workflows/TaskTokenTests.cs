using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

public sealed class TaskTokenTests
{
    [Fact]
    public async Task Given_a_waiting_callback_When_SendTaskSuccess_has_a_json_string_output_Then_it_lands_at_the_result_path()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Callback", new { orderId = "o-1" });
        var token = await probe.TokenAsync(id);

        var response = await client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = token, output = """{"courier":"Ann"}""" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        ((string)execution["output"]!["delivery"]!["courier"]!).Should().Be("Ann");
        ((string)execution["output"]!["orderId"]!).Should().Be("o-1");
        token.Length.Should().BeGreaterThanOrEqualTo(22, "at least 128 random bits");
        WorkflowStateTests.Count(app, "SELECT COUNT(*) FROM wf_task_tokens WHERE Hash = '" + token + "'").Should().Be(0, "only the hash is stored");
    }

    [Fact]
    public async Task Given_a_waiting_callback_When_SendTaskFailure_names_a_caught_error_Then_the_catch_state_gets_error_and_cause()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Callback");
        var token = await probe.TokenAsync(id);

        var response = await client.PostAsJsonAsync("/workflows/tasks/failure", new { taskToken = token, error = "DeliveryFailed", cause = "flat tyre" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        ((string)execution["currentState"]!).Should().Be("Delivery Failed");
        ((string)execution["output"]!["error"]!["Cause"]!).Should().Be("flat tyre");
    }

    [Fact]
    public async Task Given_one_token_When_10_SendTaskSuccess_calls_race_Then_exactly_one_applies()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Callback");
        var token = await probe.TokenAsync(id);
        await client.WaitForEventAsync(app, id, "TaskStarted");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = token, output = new { caller = i } })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        refused.Should().HaveCount(9).And.OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest);
        foreach (var response in refused)
            ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!).Should().Be("TaskDoesNotExist");
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        (await client.HistoryTypesAsync(id)).Count(t => t == "TaskSucceeded").Should().Be(1);
    }

    [Fact]
    public async Task Given_an_unknown_or_used_token_When_sent_Then_400_TaskDoesNotExist_and_nothing_changes()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Callback");
        var token = await probe.TokenAsync(id);
        await client.WaitForEventAsync(app, id, "TaskStarted");
        var before = await client.HistoryTypesAsync(id);

        foreach (var path in new[] { "success", "failure", "heartbeat" })
        {
            var unknown = await client.PostAsJsonAsync($"/workflows/tasks/{path}", new { taskToken = "not-a-token", output = "{}" });
            unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var problem = (await unknown.Content.ReadFromJsonAsync<JsonObject>())!;
            ((string)problem["title"]!).Should().Be("TaskDoesNotExist");
            ((string)problem["error"]!).Should().Be("TaskDoesNotExist");
        }
        (await client.HistoryTypesAsync(id)).Should().Equal(before);
        ((string)(await client.DescribeAsync(id))["status"]!).Should().Be(ExecutionStatus.Running);

        (await client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = token, output = new { } })).StatusCode.Should().Be(HttpStatusCode.OK);
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        var after = await client.HistoryTypesAsync(id);

        var used = await client.PostAsJsonAsync("/workflows/tasks/failure", new { taskToken = token, error = "Late" });
        used.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await used.Content.ReadFromJsonAsync<JsonObject>())!["title"]!).Should().Be("TaskDoesNotExist");
        (await client.PostAsJsonAsync("/workflows/tasks/heartbeat", new { taskToken = token })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.HistoryTypesAsync(id)).Should().Equal(after);
    }

    [Theory]
    [InlineData("/workflows/tasks/success", """{"output":"{}"}""", "taskToken")]
    [InlineData("/workflows/tasks/success", """{"taskToken":"abc","output":"not json"}""", "output")]
    [InlineData("/workflows/tasks/heartbeat", """{"taskToken":""}""", "taskToken")]
    public async Task Given_malformed_callback_input_When_sent_Then_400_names_the_field(string path, string body, string field)
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!).Should().Be(field);
    }
}
