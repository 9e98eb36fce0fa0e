using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Modules.Workflows.Data;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>Poison executions end without holding the timers up (issue 13); Hangfire keeps no job of a deadline that is gone.</summary>
public sealed class PoisonAndTimerTests
{
    private static readonly WorkflowDefinition Doomed = Workflow.Define("Test.Doomed")
        .Wait("Nap", w => w.Seconds(1).Next("Done"))
        .Succeed("Done")
        .Build();

    [Fact]
    public async Task Given_an_execution_whose_workflow_is_gone_after_a_restart_When_its_timer_is_due_Then_it_fails_with_States_Runtime_and_the_other_timers_fire()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string doomed, healthy;
        using (var before = new ShopApp().With("Shop:DataFolder", folder).WithClock(clock).WithTestWorkflows()
                   .WithServices(s => s.AddWorkflow(Doomed)))
        {
            var client = before.CreateClient();
            doomed = await client.StartAsync("Test.Doomed");
            await client.WaitForEventAsync(before, doomed, "WaitStateEntered");
            clock.Advance(TimeSpan.FromSeconds(0.5));
            healthy = await client.StartAsync("Test.Kinds", new { quantity = 1 });
            await client.WaitForEventAsync(before, healthy, "WaitStateEntered");
        }

        // Restarted without Test.Doomed: its Nap is due first, before the healthy execution's Pause.
        using var after = new ShopApp().With("Shop:DataFolder", folder).WithClock(clock).WithTestWorkflows();
        var shop = after.CreateClient();
        clock.Advance(TimeSpan.FromSeconds(1));
        await after.FireDueDeadlinesAsync();
        await shop.WaitForEventAsync(after, healthy, "ParallelStateStarted");
        clock.Advance(TimeSpan.FromSeconds(1));
        await after.FireDueDeadlinesAsync();

        await shop.WaitForStatusAsync(healthy, ExecutionStatus.Succeeded);
        var poisoned = await shop.WaitForStatusAsync(doomed, ExecutionStatus.Failed);
        ((string)poisoned["error"]!).Should().Be(StatesErrors.Runtime);
        ((string)poisoned["cause"]!).Should().Contain("Test.Doomed");
        (await after.FireDueDeadlinesAsync()).Should().Be(0, "the poison execution's deadlines went with it");
    }

    [Fact]
    public async Task Given_a_callback_with_a_heartbeat_When_10000_heartbeats_arrive_Then_hangfire_keeps_one_scheduled_job()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var probe = new Probe();
        using var app = new ShopApp().WithClock(clock).WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Heartbeat");
        var token = await probe.TokenAsync(id);

        for (var i = 0; i < 10_000; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().SendTaskHeartbeatAsync(token);
        }

        var scheduled = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount();
        scheduled.Should().BeLessThanOrEqualTo(1, "each heartbeat replaces the job of the deadline it moves");
        app.Services.GetRequiredService<WorkflowTimers>().ScheduledJobs.Should().Be(1);
        ((string)(await client.DescribeAsync(id))["status"]!).Should().Be(ExecutionStatus.Running);
    }

    [Fact]
    public async Task Given_an_open_deadline_When_the_readiness_check_looks_past_it_Then_the_timers_are_reported_late_with_the_reason()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var probe = new Probe();
        using var app = new ShopApp().WithClock(clock).WithTestWorkflows(probe);
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Heartbeat");
        await probe.TokenAsync(id);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        // The token reaches the probe inside the step; its heartbeat deadline commits with the step, a moment later.
        await Eventually.UntilAsync(() => db.Deadlines.AnyAsync(d => d.ExecutionId == id), "the heartbeat deadline is stored");

        // The check is given its own clock, so the shop's sweep does not fire the deadline meanwhile.
        var now = await new TimersHealthCheck(db, clock, configuration).CheckHealthAsync(new HealthCheckContext());
        var later = new FakeTimeProvider(clock.GetUtcNow().AddDays(1));
        var late = await new TimersHealthCheck(db, later, configuration).CheckHealthAsync(new HealthCheckContext());

        now.Status.Should().Be(HealthStatus.Healthy);
        now.Description.Should().Contain("none overdue");
        late.Status.Should().Be(HealthStatus.Unhealthy);
        late.Description.Should().MatchRegex(@"oldest overdue deadline is \d+(\.\d)? s late");
    }
}
