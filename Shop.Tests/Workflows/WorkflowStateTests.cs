using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Shop.Modules.Workflows;

using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

public sealed class WorkflowStateTests
{
    [Fact]
    public async Task Given_a_big_order_When_the_kinds_workflow_runs_Then_pass_task_choice_wait_and_parallel_shape_the_output()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.Kinds", new { quantity = 12 });
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        var output = execution["output"]!;
        ((string)output["pass"]!["greeting"]!).Should().Be("hello");
        ((int)output["price"]!["total"]!).Should().Be(120);
        ((string)output["size"]!).Should().Be("big");
        output["branches"]!.ToJsonString().Should().Be("""["L","R"]""", "branch outputs come in branch order, whatever order they finished in");
        (await client.HistoryTypesAsync(id)).Should().ContainInOrder(
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskSucceeded", "TaskStateExited",
            "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "WaitStateEntered", "WaitStateExited",
            "ParallelStateEntered", "ParallelStateStarted", "ParallelStateSucceeded", "ParallelStateExited", "SucceedStateEntered", "ExecutionSucceeded");
    }

    [Fact]
    public async Task Given_a_small_order_When_the_choice_runs_Then_otherwise_is_taken()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.Kinds", new { quantity = 2 });
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)execution["output"]!["size"]!).Should().Be("small");
        (await client.HistoryAsync(id)).Where(e => (string)e["type"]! == "PassStateEntered").Select(e => (string)e["state"]!)
            .Should().Equal("Prepare", "Small");
    }

    [Fact]
    public async Task Given_a_fail_state_When_reached_Then_the_execution_fails_with_its_error_and_cause()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.Failing");
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Failed);

        ((string)execution["error"]!).Should().Be("OrderRejected");
        ((string)execution["cause"]!).Should().Be("Nobody wanted it");
        (await client.HistoryTypesAsync(id)).Should().EndWith(["FailStateEntered", "ExecutionFailed"]);
        var graph = await client.GetStringAsync($"/workflows/executions/{id}/graph");
        graph.Should().StartWith("stateDiagram-v2").And.Contain("Check --> Reject").And.Contain("class Reject failed").And.Contain("class Check visited");
    }

    [Fact]
    public async Task Given_a_failing_step_When_it_fails_Then_its_effects_and_events_are_rolled_back_and_a_redrive_commits_them_once()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.Effects");
        var failed = await client.WaitForStatusAsync(id, ExecutionStatus.Failed);
        ((string)failed["error"]!).Should().Be("InvalidOperationException");
        probe.CallsOf(id, "Record").Should().Be(1, "the step did run");
        Count(app, $"SELECT COUNT(*) FROM wf_demo_effects WHERE ExecutionId = '{id}'").Should().Be(0, "a failed step leaves no effect");
        Count(app, $"SELECT COUNT(*) FROM evt_events WHERE Envelope LIKE '%{id}%'").Should().Be(0, "nor any event");

        probe.Healthy = true;
        (await client.PostAsync($"/workflows/executions/{id}/redrive", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        Count(app, $"SELECT COUNT(*) FROM wf_demo_effects WHERE ExecutionId = '{id}'").Should().Be(1);
        Count(app, $"SELECT COUNT(*) FROM evt_events WHERE Envelope LIKE '%{id}%'").Should().Be(1);
        (await client.HistoryTypesAsync(id)).Should().Contain("ExecutionRedriven");
    }

    [Fact]
    public async Task Given_a_running_or_finished_execution_When_redriven_or_stopped_Then_only_the_allowed_changes_happen()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var waiting = await client.StartAsync("Test.Slow");
        await client.WaitForEventAsync(app, waiting, "WaitStateEntered");

        (await client.PostAsync($"/workflows/executions/{waiting}/redrive", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stop = await client.PostAsJsonAsync($"/workflows/executions/{waiting}/stop", new { error = "Cancelled", cause = "by test" });
        stop.StatusCode.Should().Be(HttpStatusCode.OK);
        var stopped = await client.DescribeAsync(waiting);
        ((string)stopped["status"]!).Should().Be(ExecutionStatus.Aborted);
        (await client.PostAsync($"/workflows/executions/{waiting}/stop", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.HistoryTypesAsync(waiting)).Should().EndWith("ExecutionAborted");
        Count(app, $"SELECT COUNT(*) FROM wf_deadlines WHERE ExecutionId = '{waiting}'").Should().Be(0, "a stopped execution keeps no timers");
        (await client.PostAsync("/workflows/executions/nope/stop", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_failed_task_When_redriven_Then_it_resumes_from_the_state_that_failed()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Redrivable", new { order = 7 });
        var failed = await client.WaitForStatusAsync(id, ExecutionStatus.Failed);
        ((string)failed["error"]!).Should().Be("Broken");

        probe.Healthy = true;
        (await client.PostAsync($"/workflows/executions/{id}/redrive", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var done = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)done["output"]!["fragile"]!).Should().Be("ok");
        ((int)done["output"]!["order"]!).Should().Be(7);
        (await client.HistoryAsync(id)).Count(e => (string)e["type"]! == "PassStateEntered").Should().Be(1, "the redrive starts at Fragile, not at the beginning");
        (await client.PostAsync($"/workflows/executions/{id}/redrive", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Given_a_parallel_state_When_one_branch_fails_Then_the_others_are_aborted_and_the_catch_takes_over()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.ParallelFailing", new { order = 3 });
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)execution["currentState"]!).Should().Be("Recovered");
        ((string)execution["output"]!["error"]!["Error"]!).Should().Be("BranchBroke");
        ((string)execution["output"]!["error"]!["Cause"]!).Should().Be("on purpose");
        var waiting = await client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Test.ParallelFailing/Both/0");
        ((string)waiting!["executions"]![0]!["status"]!).Should().Be(ExecutionStatus.Aborted);
        (await client.HistoryTypesAsync(id)).Should().Contain("ParallelStateFailed");
        Count(app, "SELECT COUNT(*) FROM wf_deadlines").Should().Be(0, "the aborted branch's wait is gone");
    }

    [Fact]
    public async Task Given_two_workers_When_a_step_makes_its_execution_ready_again_Then_no_two_workers_run_it_at_once()
    {
        var probe = new Probe();
        using var app = new ShopApp().WithTestWorkflows(probe);
        var client = app.CreateClient();

        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await client.StartAsync("Test.Chain"));
        foreach (var id in ids) await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        probe.Overlaps.Should().Be(0, "an execution queued again while it runs waits for its worker to finish");
    }

    internal static long Count(ShopApp app, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "shop.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
