using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Workflows;

using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>Waits, retries, heartbeats and timeouts, on a FakeTimeProvider unless the test says real time.</summary>
public sealed class WorkflowTimerTests
{
    private static (ShopApp App, HttpClient Client, FakeTimeProvider Clock, Probe Probe) Start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var probe = new Probe();
        var app = new ShopApp().WithClock(clock).WithTestWorkflows(probe);
        return (app, app.CreateClient(), clock, probe);
    }

    [Fact]
    public async Task Given_a_failing_task_with_retry_When_time_passes_Then_it_retries_with_backoff_and_is_then_caught()
    {
        var (app, client, clock, probe) = Start();
        using var _ = app;

        var id = await client.StartAsync("Test.Retrying", new { order = 1 });
        await client.WaitForEventAsync(app, id, "TaskFailed", 1);
        probe.CallsOf(id, "Flaky Step").Should().Be(1);

        clock.Advance(TimeSpan.FromSeconds(0.9));
        await app.FireDueDeadlinesAsync();
        probe.CallsOf(id, "Flaky Step").Should().Be(1, "the first retry waits IntervalSeconds = 1");

        clock.Advance(TimeSpan.FromSeconds(0.2));
        await app.FireDueDeadlinesAsync();
        await client.WaitForEventAsync(app, id, "TaskFailed", 2);
        probe.CallsOf(id, "Flaky Step").Should().Be(2);

        clock.Advance(TimeSpan.FromSeconds(1.5));
        await app.FireDueDeadlinesAsync();
        probe.CallsOf(id, "Flaky Step").Should().Be(2, "the second retry waits 1 × BackoffRate 2 = 2 s");

        clock.Advance(TimeSpan.FromSeconds(0.6));
        await app.FireDueDeadlinesAsync();
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        probe.CallsOf(id, "Flaky Step").Should().Be(3, "MaxAttempts = 2 retries after the first try");
        var error = execution["output"]!["error"]!;
        ((string)error["Error"]!).Should().Be("Flaky");
        ((string)error["Cause"]!).Should().Be("attempt 2");
        ((int)execution["output"]!["order"]!).Should().Be(1, "Catch puts the error at its ResultPath and keeps the input");
    }

    [Fact]
    public async Task Given_a_wait_state_When_the_clock_reaches_its_end_Then_it_moves_on()
    {
        var (app, client, clock, _) = Start();
        using var __ = app;

        var id = await client.StartAsync("Test.Kinds", new { quantity = 1 });
        await client.WaitForEventAsync(app, id, "WaitStateEntered");
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await app.FireDueDeadlinesAsync();
        ((string)(await client.DescribeAsync(id))["currentState"]!).Should().Be("Pause");

        clock.Advance(TimeSpan.FromSeconds(0.2));
        await app.FireDueDeadlinesAsync();
        await client.WaitForEventAsync(app, id, "ParallelStateStarted");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await app.FireDueDeadlinesAsync();

        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Given_a_callback_with_heartbeats_When_heartbeats_stop_Then_States_Timeout_is_caught_and_the_token_is_refused()
    {
        var (app, client, clock, probe) = Start();
        using var _ = app;
        var id = await client.StartAsync("Test.Callback");
        var token = await probe.TokenAsync(id);
        await client.WaitForEventAsync(app, id, "TaskStarted");
        var events = (await client.HistoryTypesAsync(id)).Count;

        clock.Advance(TimeSpan.FromSeconds(8));
        (await client.PostAsJsonAsync("/workflows/tasks/heartbeat", new { taskToken = token })).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(8));
        await app.FireDueDeadlinesAsync();
        ((string)(await client.DescribeAsync(id))["currentState"]!).Should().Be("Wait For Courier", "the heartbeat pushed the deadline to 18 s");
        (await client.HistoryTypesAsync(id)).Count.Should().Be(events, "heartbeats write no history");

        clock.Advance(TimeSpan.FromSeconds(2.5));
        await app.FireDueDeadlinesAsync();
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)execution["currentState"]!).Should().Be("Courier Lost");
        ((string)execution["output"]!["error"]!["Error"]!).Should().Be("States.Timeout");
        (await client.HistoryTypesAsync(id)).Should().Contain("TaskTimedOut");
        var refused = await client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = token, output = "{}" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        ((string)problem!["title"]!).Should().Be("TaskTimedOut");
        ((string)problem["error"]!).Should().Be("TaskTimedOut");
    }

    [Fact]
    public async Task Given_a_callback_with_a_timeout_When_heartbeats_keep_coming_but_the_timeout_passes_Then_States_Timeout()
    {
        var (app, client, clock, probe) = Start();
        using var _ = app;
        var id = await client.StartAsync("Test.Callback");
        var token = await probe.TokenAsync(id);
        await client.WaitForEventAsync(app, id, "TaskStarted");

        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(9));
            (await client.PostAsJsonAsync("/workflows/tasks/heartbeat", new { taskToken = token })).StatusCode.Should().Be(HttpStatusCode.OK);
            await app.FireDueDeadlinesAsync();
        }
        clock.Advance(TimeSpan.FromSeconds(7));
        await app.FireDueDeadlinesAsync();

        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        ((string)execution["currentState"]!).Should().Be("Courier Lost");
        var cause = (string?)(await client.HistoryAsync(id)).Single(e => (string)e["type"]! == "TaskTimedOut")["details"]!["cause"];
        cause.Should().Contain("60", "the 60 s TimeoutSeconds expired, not the heartbeat");
    }

    [Fact]
    public async Task Given_a_workflow_timeout_When_it_passes_Then_the_execution_is_TIMED_OUT()
    {
        var (app, client, clock, _) = Start();
        using var __ = app;
        var id = await client.StartAsync("Test.Slow");
        await client.WaitForEventAsync(app, id, "WaitStateEntered");

        clock.Advance(TimeSpan.FromSeconds(31));
        await app.FireDueDeadlinesAsync();

        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.TimedOut);
        ((string)execution["error"]!).Should().Be("States.Timeout");
        (await client.HistoryTypesAsync(id)).Should().EndWith("ExecutionTimedOut");
    }

    [Fact]
    public async Task Given_a_time_scale_When_a_wait_runs_in_real_time_Then_it_is_shortened()
    {
        using var app = new ShopApp().WithTestWorkflows().With("Workflows:TimeScale", "0.001");
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.Slow");

        // 3600 s × 0.001 = 3.6 s; the workflow's 30 s timeout becomes 0.03 s and wins.
        await client.WaitForStatusAsync(id, ExecutionStatus.TimedOut, seconds: 5);
    }

    [Fact]
    public async Task Given_a_2_second_heartbeat_left_alone_in_real_time_When_it_expires_Then_the_execution_FAILS_with_States_Timeout_not_before_it_is_due()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Heartbeat");
        await client.WaitForEventAsync(app, id, "TaskStarted");
        var started = Stopwatch.StartNew();

        // Issue 14: an uncaught States.Timeout of a task ends FAILED, as in Step Functions (TIMED_OUT is the execution's own timeout).
        // Only the scheduled deadline can end it (deadlines are re-read only at start); how late it fires is the bench's
        // timer-lateness figure (--timers), not a unit test's, so the wait is generous and only "not early" is asserted.
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Failed, seconds: 30);

        started.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5));
        ((string)execution["error"]!).Should().Be("States.Timeout");
    }
}
