using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;
using static Shop.Tests.Orders.Orchestrated.OrchestratedOrderExpectations;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>SCENARIOS §1.1, the Add service's retry as the seed declares it (2 s, 6 attempts, backoff 2), against a flaky Add.</summary>
public sealed class OrchestratedOrderRetryTests
{
    [Fact]
    public async Task Given_the_Add_service_failing_for_5_s_When_ordered_Then_it_is_retried_after_2_s_then_4_s_and_the_order_goes_on()
    {
        FlakyAdder? adder = null;
        using var shop = new OrchestratedOrderDriver(a => a.WithServices(s =>
            s.Replace(ServiceDescriptor.Singleton<IPriceAdder>(sp => adder = new FlakyAdder(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(5))))));
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Add item price and delivery price");
        (await AddFailuresAsync(shop, order)).Should().Be(1);

        await shop.AdvanceAsync(TimeSpan.FromSeconds(1.9));
        (await AddFailuresAsync(shop, order)).Should().Be(1, "the first retry waits IntervalSeconds = 2");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(0.2));
        (await AddFailuresAsync(shop, order)).Should().Be(2, "the Add service still fails 2.1 s in");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(3.9));
        (await AddFailuresAsync(shop, order)).Should().Be(2, "the second retry waits 2 × BackoffRate 2 = 4 s");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(0.2));
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        adder!.Failures.Should().BeGreaterThanOrEqualTo(2);
        var history = await shop.Client.HistoryAsync(order.ExecutionId);
        history.Where(e => (string?)e["state"] == "Add item price and delivery price").Select(e => (string)e["type"]!)
            .Should().Equal("TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited");
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal(ToDelivering);
        var record = await shop.OrderAsync(order);
        record.Total.Should().Be(record.ItemPrice + record.DeliveryPrice);
    }

    private static async Task<int> AddFailuresAsync(OrchestratedOrderDriver shop, OrderAccepted order) =>
        (await shop.Client.HistoryAsync(order.ExecutionId))
            .Count(e => (string?)e["state"] == "Add item price and delivery price" && (string)e["type"]! == "TaskFailed");

    [Fact]
    public void Given_the_definition_Then_Add_retries_like_the_seed_2_s_6_attempts_backoff_2()
    {
        var add = OrderWorkflow.Define(OrderWorkflow.DefaultDeliveryTimeoutSeconds)["Add item price and delivery price"];

        add.Retries.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new RetryRule([StatesErrors.TaskFailed], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2));
    }

    /// <summary>The seed's Add service having a bad moment: it fails until the shop's clock has moved <c>outage</c> past its first call.</summary>
    private sealed class FlakyAdder(TimeProvider clock, TimeSpan outage) : IPriceAdder
    {
        private readonly Lock _lock = new();
        private DateTimeOffset? _firstCall;

        public int Failures { get; private set; }

        public decimal Add(decimal itemPrice, decimal deliveryPrice)
        {
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                _firstCall ??= now;
                if (now - _firstCall < outage)
                {
                    Failures++;
                    throw new InvalidOperationException("Add is unavailable");
                }
            }
            return itemPrice + deliveryPrice;
        }
    }
}
