using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Coffee;

/// <summary>SCENARIOS §3: the barista's 900-second heartbeat, missed and kept.</summary>
public sealed class BaristaTimeoutTests
{
    [Fact]
    public async Task Given_a_small_time_scale_When_no_barista_answers_Then_the_barista_timed_out_branch_ends_it()
    {
        // 900 s × 0.001 = 0.9 s of real time.
        using var app = new ShopApp().With("Workflows:TimeScale", "0.001");
        var client = app.CreateClient();

        var executionId = await client.PlaceCoffeeAsync("slow-1");
        var execution = await client.WaitForStatusAsync(executionId, ExecutionStatus.Failed, seconds: 10);

        ((string)execution["error"]!).Should().Be("BaristaTimedOut");
        ((string)execution["cause"]!).Should().Contain("Barista timed out");
        var history = await client.HistoryAsync(executionId);
        history.Select(e => (string)e["type"]!).Should().Contain("TaskTimedOut");
        var timedOut = history.First(e => (string)e["type"]! == "TaskStateEntered" && (string)e["state"]! == "Barista timed out");
        ((string)timedOut["details"]!["input"]!["errorComment"]!["Error"]!).Should().Be("States.Timeout", "Catch keeps the error at errorComment");
        var drink = await client.WaitForDrinkAsync("slow-1", "timed_out");
        drink.Reason.Should().StartWith("States.Timeout");

        (await client.CompleteCoffeeOrderAsync("slow-1")).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Given_a_waiting_drink_When_the_clock_passes_900_seconds_without_heartbeat_Then_it_times_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new ShopApp().WithClock(clock);
        var client = app.CreateClient();

        var executionId = await client.PlaceCoffeeAsync("fake-1");
        await client.WaitForDrinkAsync("fake-1", "waiting");
        clock.Advance(TimeSpan.FromSeconds(899));
        await app.FireDueDeadlinesAsync();
        ((string)(await client.DescribeAsync(executionId))["status"]!).Should().Be(ExecutionStatus.Running);

        clock.Advance(TimeSpan.FromSeconds(2));
        await app.FireDueDeadlinesAsync();

        ((string)(await client.WaitForStatusAsync(executionId, ExecutionStatus.Failed))["error"]!).Should().Be("BaristaTimedOut");
        await client.WaitForDrinkAsync("fake-1", "timed_out");
    }

    [Fact]
    public async Task Given_heartbeats_When_the_wait_goes_past_900_seconds_Then_the_drink_stays_alive_and_is_then_done()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new ShopApp().WithClock(clock);
        var client = app.CreateClient();

        var executionId = await client.PlaceCoffeeAsync("long-1");
        await client.WaitForDrinkAsync("long-1", "waiting");
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(600));
            var beat = await client.HeartbeatDrinkAsync("long-1");
            beat.StatusCode.Should().Be(HttpStatusCode.OK, await beat.Content.ReadAsStringAsync());
            await app.FireDueDeadlinesAsync();
        }
        clock.Advance(TimeSpan.FromSeconds(800));
        await app.FireDueDeadlinesAsync();

        var drink = await client.DrinkAsync("long-1");
        drink.Status.Should().Be(DrinkStatus.Waiting, "2600 s have passed, but never 900 s without a heartbeat");
        drink.LastHeartbeatAt.Should().NotBeNull();
        (await client.CompleteCoffeeOrderAsync("long-1", "Sam")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var execution = await client.WaitForStatusAsync(executionId, ExecutionStatus.Succeeded);
        ((string)execution["output"]!["orderCompleted"]!["orderCreated"]!["baristaId"]!).Should().Be("Sam");
    }
}
