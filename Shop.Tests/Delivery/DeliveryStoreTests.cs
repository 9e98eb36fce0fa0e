using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Kernel.Database;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Delivery;

/// <summary>
/// The deliveries' hot path writes with plain SQL (DeliverySql) while EF stays the schema owner and reads the list:
/// both must agree on every column's format (ModelConventions).
/// </summary>
public sealed class DeliveryStoreTests
{
    [Fact]
    public async Task Given_a_delivery_started_and_delivered_When_read_through_the_EF_model_Then_the_same_delivery_in_the_models_column_formats()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddTicks(7_654_321));
        using var app = new ShopApp().WithClock(clock);
        var client = app.CreateClient();
        var started = await client.GetOkAsync<DeliveryDto>($"/delivery/start/customer-1/order-1/{Uri.EscapeDataString("London SW1A 1AA, UK")}");
        clock.Advance(TimeSpan.FromTicks(54_321));
        var delivered = (await client.GetJsonAsync("/delivery/delivered/customer-1/order-1")).As<DeliveryDto>(HttpStatusCode.OK);

        delivered.Should().Be(started with { Status = DeliveryStatus.Delivered, UpdatedAt = started.StartedAt.AddTicks(54_321) });
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<DeliveryDbContext>().Deliveries.AsNoTracking().SingleAsync(d => d.OrderId == "order-1");
        stored.ToDto().Should().Be(delivered);
        (await client.GetOkAsync<DeliveryDto>("/delivery/describe/customer-1/order-1")).Should().Be(delivered);

        await using var command = scope.ServiceProvider.GetRequiredService<ShopConnection>().Connection.CreateCommand();
        command.CommandText = "SELECT Price, typeof(Price), typeof(Distance), typeof(DurationSeconds), StartedAt, UpdatedAt FROM dlv_deliveries WHERE OrderId = 'order-1'";
        await using var row = await command.ExecuteReaderAsync();
        (await row.ReadAsync()).Should().BeTrue();
        row.GetInt64(0).Should().Be((long)(delivered.Price * 100), "money is stored as integer cents");
        (row.GetString(1), row.GetString(2), row.GetString(3)).Should().Be(("integer", "real", "real"));
        row.GetString(4).Should().Be(ModelConventions.UtcTextConverter.Format(started.StartedAt));
        row.GetString(5).Should().Be(ModelConventions.UtcTextConverter.Format(delivered.UpdatedAt));
    }
}
