using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Payments;

/// <summary>
/// The payments' hot path writes with plain SQL (PaymentsSql) while EF stays the schema owner and reads the list:
/// both must agree on every column's format (ModelConventions).
/// </summary>
public sealed class PaymentStoreTests
{
    [Fact]
    public async Task Given_a_payment_made_and_canceled_When_read_through_the_EF_model_Then_the_same_payment_in_the_models_column_formats()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddTicks(1_234_567));
        using var app = new ShopApp().WithClock(clock);
        var client = app.CreateClient();
        var paid = (await client.GetJsonAsync("/payment/pay/1234.5")).As<PaymentDto>(HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromTicks(12_345));
        var canceled = (await client.GetJsonAsync($"/payment/cancel/{paid.PaymentId}")).As<PaymentDto>(HttpStatusCode.OK);

        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().Payments.AsNoTracking().SingleAsync(p => p.PaymentId == paid.PaymentId);
        stored.ToDto().Should().Be(canceled);
        canceled.Should().Be(paid with { Status = PaymentStatus.Canceled, UpdatedAt = paid.CreatedAt.AddTicks(12_345) });
        (await client.GetOkAsync<PaymentDto>($"/payment/describe/{paid.PaymentId}")).Should().Be(canceled);

        await using var command = scope.ServiceProvider.GetRequiredService<ShopConnection>().Connection.CreateCommand();
        command.CommandText = "SELECT Amount, typeof(Amount), CreatedAt, UpdatedAt, Status FROM pay_payments WHERE PaymentId = $id";
        command.Parameters.AddWithValue("$id", paid.PaymentId);
        await using var row = await command.ExecuteReaderAsync();
        (await row.ReadAsync()).Should().BeTrue();
        row.GetInt64(0).Should().Be(123_450, "money is stored as integer cents");
        row.GetString(1).Should().Be("integer");
        row.GetString(2).Should().Be(ModelConventions.UtcTextConverter.Format(paid.CreatedAt));
        row.GetString(3).Should().Be(ModelConventions.UtcTextConverter.Format(canceled.UpdatedAt));
        row.GetString(4).Should().Be(PaymentStatus.Canceled);
    }
}
