using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>Step Functions' semantics the engine keeps (issue 14), through the C# builder and a real SQLite file.</summary>
public sealed class EngineSemanticsTests
{
    [Fact]
    public async Task Given_an_execution_name_When_started_again_with_another_input_Then_409_ExecutionAlreadyExists_and_the_same_input_returns_the_first()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Failing", new { a = 1 }, name: "once");

        (await client.StartAsync("Test.Failing", new { a = 1 }, name: "once")).Should().Be(id);
        var response = await client.PostAsJsonAsync("/workflows/Test.Failing/executions", new { name = "once", input = new { a = 2 } });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ExecutionAlreadyExists");
    }

    [Fact]
    public async Task Given_a_plain_task_When_it_runs_Then_the_history_has_TaskScheduled_TaskStarted_TaskSucceeded()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Failing");
        await client.WaitForStatusAsync(id, ExecutionStatus.Failed);

        (await client.HistoryTypesAsync(id)).Should().ContainInOrder("TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited");
    }

    [Fact]
    public async Task Given_an_aborted_execution_When_redriven_Then_it_runs_again_from_its_state_with_ExecutionRedriven_and_a_redrive_count()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Slow");
        await client.WaitForEventAsync(app, id, "WaitStateEntered");
        (await client.PostAsJsonAsync($"/workflows/executions/{id}/stop", new { error = "Manual" })).EnsureSuccessStatusCode();
        await client.WaitForStatusAsync(id, ExecutionStatus.Aborted);

        var redrive = await client.PostAsync(new Uri($"/workflows/executions/{id}/redrive", UriKind.Relative), null);

        redrive.StatusCode.Should().Be(HttpStatusCode.OK, await redrive.Content.ReadAsStringAsync());
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Running);
        ((int)execution["redriveCount"]!).Should().Be(1);
        ((string)execution["currentState"]!).Should().Be("Long Wait");
        (await client.HistoryTypesAsync(id)).Should().ContainInOrder("ExecutionAborted", "ExecutionRedriven", "WaitStateEntered");
    }

    [Fact]
    public async Task Given_a_succeeded_execution_When_redriven_Then_409()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Map", new { items = Array.Empty<int>() });
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        var redrive = await client.PostAsync(new Uri($"/workflows/executions/{id}/redrive", UriKind.Relative), null);

        redrive.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Given_MaxDelaySeconds_and_full_jitter_When_a_task_keeps_failing_Then_each_retry_waits_a_share_of_the_capped_delay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var probe = new Probe();
        using var app = new ShopApp().WithClock(clock).WithTestWorkflows(probe).WithRandom(new FixedRandom(0.5));
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Jitter");
        await client.WaitForEventAsync(app, id, "TaskFailed", 1);

        // First retry: 10 s × 0.5 = 5 s.
        clock.Advance(TimeSpan.FromSeconds(4.9));
        await app.FireDueDeadlinesAsync();
        probe.CallsOf(id, "Flaky").Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(0.2));
        await app.FireDueDeadlinesAsync();
        await client.WaitForEventAsync(app, id, "TaskFailed", 2);

        // Second retry: min(10 × 2, MaxDelaySeconds 15) × 0.5 = 7.5 s.
        clock.Advance(TimeSpan.FromSeconds(7.4));
        await app.FireDueDeadlinesAsync();
        probe.CallsOf(id, "Flaky").Should().Be(2);
        clock.Advance(TimeSpan.FromSeconds(0.2));
        await app.FireDueDeadlinesAsync();

        ((string)(await client.WaitForStatusAsync(id, ExecutionStatus.Failed))["error"]!).Should().Be("Flaky");
        probe.CallsOf(id, "Flaky").Should().Be(3);
    }

    [Fact]
    public async Task Given_top_level_and_branch_executions_When_they_end_Then_one_aws_states_status_change_event_per_top_level_execution()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Kinds", new { quantity = 12 }, name: "kinds-1");
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        await using var scope = app.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<IEventStore>()
            .QueryAsync(new EventQuery(Source: "aws.states", DetailType: "Step Functions Execution Status Change"), 1, 50);

        events.Items.Should().ContainSingle("the two Parallel branches publish nothing");
        var detail = events.Items[0].Envelope.Detail;
        ((string)detail["status"]!).Should().Be("SUCCEEDED");
        ((string)detail["name"]!).Should().Be("kinds-1");
        ((string)detail["executionArn"]!).Should().EndWith(":execution:Test.Kinds:kinds-1");
        ((string)detail["stateMachineArn"]!).Should().EndWith(":stateMachine:Test.Kinds");
        ((long)detail["stopDate"]!).Should().BeGreaterThanOrEqualTo((long)detail["startDate"]!);
        JsonNode.Parse((string)detail["output"]!)!["size"]!.GetValue<string>().Should().Be("big");
    }

    [Fact]
    public async Task Given_an_input_over_256_KB_When_started_Then_400_and_nothing_starts()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/workflows/Test.Failing/executions", new { input = new { blob = new string('x', 300 * 1024) } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("States.DataLimitExceeded");
        (await client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Test.Failing"))!["executions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Given_a_task_whose_output_is_over_256_KB_When_it_runs_Then_the_state_fails_with_States_DataLimitExceeded()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Huge");

        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Failed);

        ((string)execution["error"]!).Should().Be(StatesErrors.DataLimitExceeded);
    }

    [Fact]
    public async Task Given_a_retried_task_When_its_step_runs_Then_its_context_has_the_retry_count_and_the_time_the_state_was_entered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new ShopApp().WithClock(clock).WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Context", new { hello = "world" }, name: "context-1");
        for (var failures = 1; failures <= 2; failures++)
        {
            await client.WaitForEventAsync(app, id, "TaskFailed", failures);
            clock.Advance(TimeSpan.FromSeconds(1.1));
            await app.FireDueDeadlinesAsync();
        }
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        var contexts = EngineTestWorkflows.Contexts[id];
        contexts.Select(c => c.RetryCount).Should().Equal(0, 1, 2);
        contexts.Select(c => c.EnteredTime).Distinct().Should().ContainSingle("the state was entered once; retries do not enter it again");
        var entered = (await client.HistoryAsync(id)).First(e => (string)e["type"]! == "TaskStateEntered");
        contexts[0].EnteredTime.Should().BeCloseTo(DateTimeOffset.Parse((string)entered["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
        contexts[0].ExecutionName.Should().Be("context-1");
        contexts[0].StateName.Should().Be("Look Around");
        ((string)contexts[0].ExecutionInput["hello"]!).Should().Be("world");
    }
}
