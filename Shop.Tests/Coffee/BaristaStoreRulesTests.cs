using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Coffee;

/// <summary>SCENARIOS §3: the store's rules (open or closed, capacity) decide whether a drink is made.</summary>
public sealed class BaristaStoreRulesTests
{
    [Fact]
    public async Task Given_a_closed_store_When_an_order_comes_Then_the_execution_fails_with_StoreClosed()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        (await client.SettingsAsync(new { storeOpen = false })).StoreOpen.Should().BeFalse();

        var executionId = await client.PlaceCoffeeAsync("closed-1");
        var execution = await client.WaitForStatusAsync(executionId, ExecutionStatus.Failed);

        ((string)execution["error"]!).Should().Be("StoreClosed");
        ((string)execution["cause"]!).Should().Contain("store is closed");
        var drink = await client.WaitForDrinkAsync("closed-1", "failed");
        drink.Reason.Should().Contain("Store closed");
        (await client.WaitingCompletionEventsAsync("closed-1")).Should().BeEmpty();

        await client.SettingsAsync(new { storeOpen = true });
        await client.PlaceCoffeeAsync("open-again");
        await client.WaitForDrinkAsync("open-again", "waiting");
    }

    [Fact]
    public async Task Given_a_closed_store_When_orders_fail_before_their_OrderCreated_is_delivered_Then_that_event_starts_no_second_attempt()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        await client.SettingsAsync(new { storeOpen = false });

        // A closed store fails an execution in milliseconds, often before the dispatcher delivers the OrderCreated the
        // same POST published; that delivery once saw an ended order and started its next attempt ("{id}.2").
        var ids = Enumerable.Range(1, 20).Select(i => $"fast-fail-{i}").ToArray();
        foreach (var id in ids) await client.PlaceCoffeeAsync(id);
        await Eventually.IdleAsync(app.Services);

        foreach (var id in ids)
        {
            var drink = await client.DrinkAsync(id);
            drink.Attempt.Should().Be(1, id);
            drink.EarlierAttempts.Should().BeEmpty(id);
        }
    }

    [Fact]
    public async Task Given_ten_drinks_waiting_When_an_eleventh_order_comes_Then_it_fails_with_NoCapacity()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        for (var i = 1; i <= 10; i++)
        {
            await client.PlaceCoffeeAsync($"busy-{i}");
            await client.WaitForDrinkAsync($"busy-{i}", "waiting");
        }
        var eleventh = await client.PlaceCoffeeAsync("busy-11");

        var execution = await client.WaitForStatusAsync(eleventh, ExecutionStatus.Failed);
        ((string)execution["error"]!).Should().Be("NoCapacity");
        (await client.WaitForDrinkAsync("busy-11", "failed")).Reason.Should().Contain("10 drink(s) in progress, capacity 10");

        // A drink done frees a barista.
        (await client.CompleteCoffeeOrderAsync("busy-1")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForDrinkAsync("busy-1", "completed");
        await Eventually.IdleAsync(app.Services);
        await client.PlaceCoffeeAsync("busy-12");
        await client.WaitForDrinkAsync("busy-12", "waiting");
    }

    [Fact]
    public async Task Given_a_capacity_changed_at_run_time_When_it_is_reached_Then_the_next_order_is_refused()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        (await client.SettingsAsync(new { baristaCapacity = 1 })).BaristaCapacity.Should().Be(1);

        await client.PlaceCoffeeAsync("only-1");
        await client.WaitForDrinkAsync("only-1", "waiting");
        var second = await client.PlaceCoffeeAsync("only-2");

        ((string)(await client.WaitForStatusAsync(second, ExecutionStatus.Failed))["error"]!).Should().Be("NoCapacity");
    }
}
