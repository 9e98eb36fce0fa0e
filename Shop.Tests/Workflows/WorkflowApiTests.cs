using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

public sealed class WorkflowApiTests
{
    [Fact]
    public async Task Given_a_name_When_started_twice_with_the_same_input_Then_the_first_execution_is_returned_and_another_input_is_409()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var first = await client.PostAsJsonAsync("/workflows/Test.Slow/executions", new { name = "order-42", input = new { n = 1 } });
        var second = await client.PostAsJsonAsync("/workflows/Test.Slow/executions", new { name = "order-42", input = new { n = 1 } });
        // Issue 14: another input under the same name is Step Functions' ExecutionAlreadyExists.
        var third = await client.PostAsJsonAsync("/workflows/Test.Slow/executions", new { name = "order-42", input = new { n = 2 } });
        var other = await client.StartAsync("Test.Slow", name: "order-43");

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        third.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var a = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var b = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)b["executionId"]!).Should().Be((string)a["executionId"]!);
        ((bool)a["created"]!).Should().BeTrue();
        ((bool)b["created"]!).Should().BeFalse();
        other.Should().NotBe((string)a["executionId"]!);
        ((int)(await client.DescribeAsync((string)a["executionId"]!))["input"]!["n"]!).Should().Be(1);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().CountRunningAsync("Test.Slow")).Should().Be(2);
    }

    [Theory]
    [InlineData("/workflows/Test.Slow/executions", """{"name":"has space"}""", HttpStatusCode.BadRequest)]
    [InlineData("/workflows/Test.Slow/executions", """{"input":"not json"}""", HttpStatusCode.BadRequest)]
    [InlineData("/workflows/Test.Slow/executions", """{"input":42}""", HttpStatusCode.BadRequest)]
    [InlineData("/workflows/No.Such/executions", """{}""", HttpStatusCode.NotFound)]
    [InlineData("/workflows/Test.Slow/executions", """{"input":"{\"a\":1}"}""", HttpStatusCode.Accepted)]
    [InlineData("/workflows/Test.Slow/executions", "", HttpStatusCode.Accepted)]
    public async Task Given_start_input_When_posted_Then_the_status_says_whether_it_was_acceptable(string path, string body, HttpStatusCode expected)
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Given_executions_When_listed_Then_newest_first_filtered_and_paged()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await client.StartAsync("Test.Slow", name: $"n{i}"));
        var failed = await client.StartAsync("Test.Failing");
        await client.WaitForStatusAsync(failed, ExecutionStatus.Failed);

        var slow = await client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Test.Slow&status=RUNNING&page=1");
        slow!["executions"]!.AsArray().Select(e => (string)e!["executionId"]!).Should().Equal(ids[2], ids[1], ids[0]);
        ((bool)slow["hasMore"]!).Should().BeFalse();
        var failedOnes = await client.GetFromJsonAsync<JsonObject>("/workflows/executions?status=FAILED");
        failedOnes!["executions"]!.AsArray().Select(e => (string)e!["executionId"]!).Should().Equal(failed);
        (await client.GetAsync("/workflows/executions?status=LOST")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/workflows/executions?page=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/workflows/executions/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/workflows/executions/nope/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_registered_workflows_When_listed_Then_each_shows_its_states_and_transitions()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var workflows = (await client.GetFromJsonAsync<JsonArray>("/workflows"))!;

        var callback = workflows.Single(w => (string)w!["name"]! == "Test.Callback")!;
        ((string)callback["startAt"]!).Should().Be("Wait For Courier");
        var wait = callback["states"]!.AsArray().First()!;
        ((int)wait["heartbeatSeconds"]!).Should().Be(10);
        ((string)wait["transitions"]!["catch States.Timeout"]!).Should().Be("Courier Lost");
        workflows.Select(w => (string)w!["name"]!).Should().NotContain(n => n.Contains('/'), "parallel branches are not workflows of their own");
    }

    [Fact]
    public async Task Given_a_running_execution_When_its_graph_is_requested_Then_the_current_state_is_marked()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Callback");
        await client.WaitForEventAsync(app, id, "TaskStarted");

        var graph = await client.GetStringAsync($"/workflows/executions/{id}/graph");

        graph.Should().Contain("WaitForCourier : Wait For Courier")
            .And.Contain("WaitForCourier --> CourierLost : catch States.Timeout")
            .And.Contain("classDef current")
            .And.Contain("class WaitForCourier current");
    }

    [Fact]
    public async Task Given_the_hangfire_dashboard_When_requested_locally_Then_it_is_served()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var response = await client.GetAsync("/hangfire");

        // The test server's requests have no remote address, which Hangfire's local-only filter refuses.
        response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
    }
}
