using System.Net;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Orders.EventDriven;

/// <summary>SCENARIOS §1.2, the event-driven order's early ends (payment failed, no stock) and the requests refused before anything is stored.</summary>
public sealed class EventDrivenOrderFailureTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public EventDrivenOrderFailureTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_payments_always_fail_When_order_created_Then_PaymentFailed_item_unreserved_and_order_PAYMENT_FAILED()
    {
        using var app = new ShopApp().With("Payments:FailProbability", "1");
        var client = app.CreateClient();
        var customer = await ACustomer.Any.CreateAsync(app);
        var item = await AnItem.Stocked(5).Priced(599.99m).CreateAsync(app);

        var orderId = (await AnOrder.Of(customer, item).CreateEventDrivenAsync(client)).OrderId;
        await app.SettleAsync();

        (await app.EventNamesAsync(orderId)).Should().Equal(
            "OrderCreated", "ItemReserved", "ItemDescribed", "CustomerDescribed", "DeliveryEstimated", "PaymentFailed", "ItemUnreserved");
        var order = await client.OrderAsync(customer.CustomerId, orderId);
        order.Status.Should().Be(OrderStatus.PaymentFailed);
        order.ItemPrice.Should().Be(599.99m);
        (await client.PaymentAsync(order.PaymentId)).Status.Should().Be(PaymentStatus.Failed);
        (await client.GetJsonAsync($"/delivery/describe/{customer.CustomerId}/{orderId}")).Status.Should().Be(HttpStatusCode.NotFound);
        var after = await client.ItemAsync(item.ItemId);
        (after.Available, after.Reserved, after.Sold).Should().Be((5, 0, 0));
    }

    [Fact]
    public async Task Given_no_stock_When_order_created_Then_ItemNotAvailable_and_order_ITEM_NOT_AVAILABLE()
    {
        var customer = await ACustomer.Any.CreateAsync(_app);
        var item = await AnItem.Stocked(5).CreateAsync(_app);
        for (var i = 0; i < 5; i++) (await _client.GetJsonAsync($"/inventory/reserve/{item.ItemId}")).Status.Should().Be(HttpStatusCode.OK);

        var orderId = (await AnOrder.Of(customer, item).CreateEventDrivenAsync(_client)).OrderId;
        await _app.SettleAsync();

        (await _app.EventNamesAsync(orderId)).Should().Equal("OrderCreated", "ItemNotAvailable");
        (await _client.OrderAsync(customer.CustomerId, orderId)).Status.Should().Be(OrderStatus.ItemNotAvailable);
        var after = await _client.ItemAsync(item.ItemId);
        (after.Available, after.Reserved, after.Sold).Should().Be((0, 5, 0));
    }

    [Theory]
    [InlineData("bad%20id", "item-1", "customerId")]
    [InlineData("customer-1", "item%2F1", "itemId")]
    public async Task Given_a_malformed_id_When_order_created_Then_400_naming_the_field_and_nothing_stored(string customerId, string itemId, string field)
    {
        var reply = await _client.GetJsonAsync($"/order/create/{customerId}/{itemId}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be(field);
        (await _app.StoredEventsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Given_an_unknown_customer_or_item_When_order_created_Then_404_and_nothing_stored(bool customerKnown, bool itemKnown)
    {
        var customerId = customerKnown ? (await ACustomer.Any.CreateAsync(_app)).CustomerId : "customer-unknown";
        var itemId = itemKnown ? (await AnItem.Any.CreateAsync(_app)).ItemId : "item-unknown";

        var reply = await _client.GetJsonAsync($"/order/create/{customerId}/{itemId}");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        (await _app.StoredEventsAsync()).Should().BeEmpty();
    }
}
