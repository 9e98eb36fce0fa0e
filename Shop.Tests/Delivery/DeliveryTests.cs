using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Delivery;

public sealed class DeliveryTests : IDisposable
{
    private const string Buckingham = "London SW1A 1AA, UK";
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public DeliveryTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private static string Path(string address) => Uri.EscapeDataString(address);

    private async Task<List<EventEnvelope>> EventsAsync(string detailType)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        var stored = await db.Events.Where(e => e.DetailType == detailType).Select(e => e.Envelope).ToListAsync();
        return stored.Select(json => JsonSerializer.Deserialize<EventEnvelope>(json, EventEnvelope.Json)!).ToList();
    }

    [Fact]
    public async Task Given_a_seed_address_When_estimated_Then_haversine_distance_and_the_seeds_price_rule()
    {
        var estimate = await _client.GetOkAsync<DeliveryEstimate>($"/delivery/estimate/{Path(Buckingham)}");

        estimate.Method.Should().Be("known-place");
        estimate.DistanceUnit.Should().Be("Kilometers");
        // Holborn Viaduct to Buckingham Palace is about 2.9 km as the crow flies.
        estimate.Distance.Should().BeInRange(2.5, 3.3);
        estimate.DurationSeconds.Should().BeApproximately(estimate.Distance / 15 * 3600, 0.1);
        estimate.Price.Should().Be(Math.Round((decimal)estimate.DurationSeconds, MidpointRounding.AwayFromZero) / 100);
    }

    [Fact]
    public async Task Given_any_address_When_estimated_twice_or_spelled_differently_Then_the_same_estimate()
    {
        var first = await _client.GetOkAsync<DeliveryEstimate>($"/delivery/estimate/{Path("221B Baker Street, London NW1 6XE, UK")}");
        var second = await _client.GetOkAsync<DeliveryEstimate>($"/delivery/estimate/{Path("  221b baker   street, LONDON NW1 6XE, uk ")}");

        first.Method.Should().Be("address-hash");
        first.Distance.Should().BeInRange(1, 30);
        second.Distance.Should().Be(first.Distance);
        second.Price.Should().Be(first.Price);
    }

    [Fact]
    public async Task Given_the_three_seed_customers_When_estimated_Then_each_is_a_known_place_with_a_distinct_price()
    {
        var prices = new List<decimal>();
        foreach (var address in new[] { Buckingham, "Great Russell St, London WC1B 3DG, UK", "Trafalgar Square, London WC2N 5DN, UK" })
        {
            var estimate = await _client.GetOkAsync<DeliveryEstimate>($"/delivery/estimate/{Path(address)}");
            estimate.Method.Should().Be("known-place");
            prices.Add(estimate.Price);
        }

        prices.Should().OnlyHaveUniqueItems().And.OnlyContain(p => p > 0);
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("a%0Ab")]
    public async Task Given_a_blank_or_control_address_When_estimated_Then_400_naming_address(string address)
    {
        var reply = await _client.GetJsonAsync($"/delivery/estimate/{address}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("address");
    }

    [Theory]
    [InlineData("Rue%20de%20l%27%C3%89glise%2C%2075015%20Paris")]
    [InlineData("1%2F2%20Main%20St%20%23%25%3F")]
    [InlineData("%E6%9D%B1%E4%BA%AC%E9%83%BD")]
    public async Task Given_odd_but_printable_addresses_When_estimated_Then_200(string address)
    {
        var reply = await _client.GetJsonAsync($"/delivery/estimate/{address}");

        reply.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_huge_address_When_estimated_Then_400()
    {
        var reply = await _client.GetJsonAsync($"/delivery/estimate/{new string('x', 3000)}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("address");
    }

    [Fact]
    public async Task Given_an_order_When_delivery_starts_Then_DELIVERING_with_the_estimate_and_describable()
    {
        var started = await _client.GetOkAsync<DeliveryDto>($"/delivery/start/customer-1/order-1/{Path(Buckingham)}");
        var estimate = await _client.GetOkAsync<DeliveryEstimate>($"/delivery/estimate/{Path(Buckingham)}");

        started.Status.Should().Be(DeliveryStatus.Delivering);
        started.Address.Should().Be(Buckingham);
        started.Price.Should().Be(estimate.Price);
        (await _client.GetOkAsync<DeliveryDto>("/delivery/describe/customer-1/order-1")).Status.Should().Be(DeliveryStatus.Delivering);
    }

    [Fact]
    public async Task Given_a_started_delivery_When_started_again_Then_409()
    {
        await _client.GetJsonAsync($"/delivery/start/customer-1/order-1/{Path(Buckingham)}");

        var reply = await _client.GetJsonAsync($"/delivery/start/customer-1/order-1/{Path(Buckingham)}");

        reply.Status.Should().Be(HttpStatusCode.Conflict);
        reply.Text("errorCode").Should().Be(DeliveryErrors.DeliveryAlreadyStarted);
    }

    [Fact]
    public async Task Given_a_delivery_When_delivered_Then_DELIVERED_and_DeliveryWasDelivered_is_published()
    {
        await _client.GetJsonAsync($"/delivery/start/customer-1/2021-09-23T13:15:06.510Z/{Path(Buckingham)}");

        var delivery = await _client.GetOkAsync<DeliveryDto>("/delivery/delivered/customer-1/2021-09-23T13:15:06.510Z");

        delivery.Status.Should().Be(DeliveryStatus.Delivered);
        var published = await EventsAsync(DeliveryWasDelivered.DetailType);
        published.Should().ContainSingle();
        published[0].Source.Should().Be("Delivery");
        var detail = published[0].Detail.Deserialize<DeliveryWasDelivered>(EventEnvelope.Json)!;
        detail.CustomerId.Should().Be("customer-1");
        detail.OrderId.Should().Be("2021-09-23T13:15:06.510Z");
        detail.Address.Should().Be(Buckingham);
    }

    [Fact]
    public async Task Given_a_delivery_When_canceled_Then_CANCELED_and_DeliveryWasCanceled_is_published()
    {
        await _client.GetJsonAsync($"/delivery/start/customer-2/order-9/{Path("Somewhere 1")}");

        var delivery = await _client.GetOkAsync<DeliveryDto>("/delivery/cancel/customer-2/order-9");

        delivery.Status.Should().Be(DeliveryStatus.Canceled);
        var published = await EventsAsync(DeliveryWasCanceled.DetailType);
        published.Should().ContainSingle();
        published[0].Detail["customerId"]!.GetValue<string>().Should().Be("customer-2");
        published[0].Detail["orderId"]!.GetValue<string>().Should().Be("order-9");
    }

    [Theory]
    [InlineData("cancel", "cancel", DeliveryErrors.DeliveryAlreadyCanceled)]
    [InlineData("cancel", "delivered", DeliveryErrors.DeliveryAlreadyCanceled)]
    [InlineData("delivered", "delivered", DeliveryErrors.DeliveryAlreadyDelivered)]
    [InlineData("delivered", "cancel", DeliveryErrors.DeliveryAlreadyDelivered)]
    public async Task Given_an_ended_delivery_When_ended_again_Then_409_and_no_second_event(string first, string second, string errorCode)
    {
        await _client.GetJsonAsync($"/delivery/start/customer-1/order-1/{Path(Buckingham)}");
        (await _client.GetJsonAsync($"/delivery/{first}/customer-1/order-1")).Status.Should().Be(HttpStatusCode.OK);

        var reply = await _client.GetJsonAsync($"/delivery/{second}/customer-1/order-1");

        reply.Status.Should().Be(HttpStatusCode.Conflict);
        reply.Text("errorCode").Should().Be(errorCode);
        (await EventsAsync(DeliveryWasDelivered.DetailType)).Count.Should().Be(first == "delivered" ? 1 : 0);
        (await EventsAsync(DeliveryWasCanceled.DetailType)).Count.Should().Be(first == "cancel" ? 1 : 0);
    }

    [Theory]
    [InlineData("describe")]
    [InlineData("cancel")]
    [InlineData("delivered")]
    public async Task Given_no_delivery_When_used_Then_404_and_no_event(string operation)
    {
        var reply = await _client.GetJsonAsync($"/delivery/{operation}/customer-1/order-404");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Text("errorCode").Should().Be(DeliveryErrors.DeliveryNotFound);
        (await EventsAsync(DeliveryWasCanceled.DetailType)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/delivery/start/bad%20id/order-1/somewhere", "customerId")]
    [InlineData("/delivery/start/customer-1/bad%20order/somewhere", "orderId")]
    [InlineData("/delivery/start/customer-1/order-1/%20", "address")]
    [InlineData("/delivery/describe/customer-1/bad%20order", "orderId")]
    [InlineData("/delivery/cancel/%E2%82%AC/order-1", "customerId")]
    public async Task Given_malformed_input_When_used_Then_400_naming_the_field(string path, string field)
    {
        var reply = await _client.GetJsonAsync(path);

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be(field);
    }
}
