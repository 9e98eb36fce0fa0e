using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Data;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Orders.EventDriven;

public sealed class EventDrivenConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private readonly ShopApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_10_in_stock_When_100_orders_created_at_once_Then_exactly_10_are_reserved_and_stock_is_conserved()
    {
        var client = _app.CreateClient();
        var item = (await AnItem.Stocked(10).CreateAsync(_app)).ItemId;
        string[] customers = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await ACustomer.Any.CreateAsync(_app)).CustomerId))];

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var orderIds = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.CreateOrderAsync(customers[i % 3], item)));
        var created = clock.Elapsed;
        await _app.SettleAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"100 orders created in {created.TotalMilliseconds:F0} ms, settled after {clock.Elapsed.TotalMilliseconds:F0} ms");

        orderIds.Should().OnlyHaveUniqueItems();
        var events = await _app.StoredEventsAsync();
        events.Count(e => e.DetailType == "OrderCreated").Should().Be(100);
        events.Count(e => e.DetailType == "ItemReserved").Should().Be(10);
        events.Count(e => e.DetailType == "ItemNotAvailable").Should().Be(90);
        events.Count(e => e.DetailType == "DeliveryStarted").Should().Be(10);
        events.Should().NotContain(e => e.DetailType.StartsWith("Error", StringComparison.Ordinal));

        var statuses = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add((await client.GetOkAsync<OrderDto>($"/order/describe/{customers[i % 3]}/{orderIds[i]}")).Status);
        }
        statuses.Count(s => s == OrderStatus.Delivering).Should().Be(10);
        statuses.Count(s => s == OrderStatus.ItemNotAvailable).Should().Be(90);

        var after = await client.GetOkAsync<ItemDto>($"/inventory/describe/{item}");
        (after.Available, after.Reserved, after.Sold).Should().Be((0, 0, 10));
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().Payments.CountAsync()).Should().Be(10, "one payment per reserved order");
    }
}
