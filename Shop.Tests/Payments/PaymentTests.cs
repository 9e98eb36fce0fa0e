using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel;
using Shop.Modules.Payments.Contracts;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Payments;

public sealed class PaymentTests
{
    private sealed class FixedRandom(double value) : IRandomSource
    {
        public double NextDouble() => value;
    }

    [Fact]
    public async Task Given_payments_succeed_When_paying_Then_201_PAID_and_the_payment_can_be_described()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        var reply = await client.GetJsonAsync("/payment/pay/12.50");

        var paid = reply.As<PaymentDto>(HttpStatusCode.Created);
        paid.Status.Should().Be(PaymentStatus.Paid);
        paid.Amount.Should().Be(12.50m);
        paid.PaymentMethod.Should().Be("CREDIT_CARD");
        paid.PaymentId.Should().NotBeNullOrEmpty();
        // The wire shape on purpose: the JSON is the seed's payment record, without the contract's computed IsPaid.
        reply.Body.TryGetProperty("isPaid", out _).Should().BeFalse("the JSON is the seed's payment record");
        var described = await client.GetOkAsync<PaymentDto>($"/payment/describe/{paid.PaymentId}");
        described.Status.Should().Be(PaymentStatus.Paid);
        described.Amount.Should().Be(12.50m);
    }

    [Fact]
    public async Task Given_payments_always_fail_When_paying_Then_401_and_a_FAILED_payment_is_stored()
    {
        using var app = new ShopApp().With("Payments:FailProbability", "1");
        var client = app.CreateClient();

        var failed = await client.GetJsonAsync("/payment/pay/100");

        failed.Status.Should().Be(HttpStatusCode.Unauthorized);
        failed.Text("errorCode").Should().Be(PaymentErrors.PaymentFailed);
        var payment = failed.Body.GetProperty("payment").Deserialize<PaymentDto>(JsonHttp.Options)!;
        payment.Status.Should().Be(PaymentStatus.Failed);
        (await client.GetOkAsync<PaymentDto>($"/payment/describe/{payment.PaymentId}")).Status.Should().Be(PaymentStatus.Failed);
    }

    [Theory]
    [InlineData(0.59, HttpStatusCode.Unauthorized)]
    [InlineData(0.61, HttpStatusCode.Created)]
    public async Task Given_a_replaced_random_source_When_paying_Then_a_draw_below_the_fail_probability_fails(double draw, HttpStatusCode expected)
    {
        using var app = new ShopApp().With("Payments:FailProbability", "0.6").WithRandom(new FixedRandom(draw));

        var reply = await app.CreateClient().GetJsonAsync("/payment/pay/10");

        reply.Status.Should().Be(expected);
    }

    [Fact]
    public async Task Given_a_seeded_random_source_When_paying_many_times_Then_about_the_fail_probability_fail()
    {
        using var app = new ShopApp().With("Payments:FailProbability", "0.2").WithRandom(new SystemRandomSource(42));
        var client = app.CreateClient();

        var replies = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++) replies.Add((await client.GetJsonAsync("/payment/pay/1")).Status);

        replies.Count(s => s == HttpStatusCode.Unauthorized).Should().BeInRange(8, 35);
    }

    [Fact]
    public async Task Given_the_fail_probability_changes_while_running_When_paying_Then_the_new_value_applies()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        (await client.GetJsonAsync("/payment/pay/5")).Status.Should().Be(HttpStatusCode.Created);

        app.Services.GetRequiredService<IConfiguration>()["Payments:FailProbability"] = "1";

        (await client.GetJsonAsync("/payment/pay/5")).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    [InlineData("99999999999999999999999999999999999")]
    [InlineData("1000000000.01")]
    public async Task Given_a_bad_amount_When_paying_Then_400_naming_amount_and_nothing_stored(string amount)
    {
        using var app = new ShopApp();

        var reply = await app.CreateClient().GetJsonAsync($"/payment/pay/{amount}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("amount");
    }

    [Fact]
    public async Task Given_a_paid_payment_When_canceled_twice_Then_first_CANCELED_then_409()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var id = (await client.GetJsonAsync("/payment/pay/20")).As<PaymentDto>(HttpStatusCode.Created).PaymentId;

        var canceled = await client.GetJsonAsync($"/payment/cancel/{id}");
        var again = await client.GetJsonAsync($"/payment/cancel/{id}");

        canceled.As<PaymentDto>(HttpStatusCode.OK).Status.Should().Be(PaymentStatus.Canceled);
        again.Status.Should().Be(HttpStatusCode.Conflict);
        again.Text("errorCode").Should().Be(PaymentErrors.PaymentAlreadyCanceled);
        (await client.GetOkAsync<PaymentDto>($"/payment/describe/{id}")).Status.Should().Be(PaymentStatus.Canceled);
    }

    [Fact]
    public async Task Given_a_failed_payment_When_canceled_Then_409_and_it_stays_FAILED()
    {
        using var app = new ShopApp().With("Payments:FailProbability", "1");
        var client = app.CreateClient();
        var id = (await client.GetJsonAsync("/payment/pay/20")).Body.GetProperty("payment").Deserialize<PaymentDto>(JsonHttp.Options)!.PaymentId;

        var reply = await client.GetJsonAsync($"/payment/cancel/{id}");

        reply.Status.Should().Be(HttpStatusCode.Conflict);
        reply.Text("errorCode").Should().Be(PaymentErrors.PaymentNotPaid);
        (await client.GetOkAsync<PaymentDto>($"/payment/describe/{id}")).Status.Should().Be(PaymentStatus.Failed);
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("describe")]
    public async Task Given_an_unknown_payment_When_used_Then_404(string operation)
    {
        using var app = new ShopApp();

        var reply = await app.CreateClient().GetJsonAsync($"/payment/{operation}/{Guid.NewGuid()}");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Text("errorCode").Should().Be(PaymentErrors.PaymentNotFound);
    }

    [Fact]
    public async Task Given_a_malformed_payment_id_When_described_Then_400()
    {
        using var app = new ShopApp();

        var reply = await app.CreateClient().GetJsonAsync("/payment/describe/not%20an%20id");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("paymentId");
    }
}
