using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Orders.EventDriven;

/// <summary>SCENARIOS §1.2: every path of the choreography, its exact events and the records it leaves.</summary>
public sealed class EventDrivenOrderTests : IDisposable
{
    private readonly ShopApp _app;
    private readonly HttpClient _client;

    public EventDrivenOrderTests() : this(new ShopApp()) { }

    private EventDrivenOrderTests(ShopApp app)
    {
        _app = app;
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    private async Task<string> DeliveringOrderAsync(string customerId = "customer-1", string itemId = "item-1")
    {
        var orderId = await _client.CreateOrderAsync(customerId, itemId);
        await _app.SettleAsync();
        (await _app.EventNamesAsync(orderId)).Should().Equal(Choreography.UpToDelivering);
        return orderId;
    }

    private async Task<JsonReply> OrderAsync(string customerId, string orderId) =>
        await _client.GetJsonAsync($"/order/describe/{customerId}/{orderId}");

    [Fact]
    public async Task Given_a_customer_and_an_item_When_order_created_Then_202_with_the_CREATED_event_driven_order()
    {
        var reply = await _client.GetJsonAsync("/order/create/customer-1/item-1");

        reply.Status.Should().Be(HttpStatusCode.Accepted);
        reply.Text("customerId").Should().Be("customer-1");
        reply.Text("itemId").Should().Be("item-1");
        reply.Text("status").Should().Be(OrderStatus.Created);
        reply.Text("mode").Should().Be(OrderMode.EventDriven);
        // A readable id: the creation time, then a suffix that keeps same-millisecond orders apart.
        reply.Text("orderId").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-[0-9a-f]{8}$");
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_Logistics_reports_Delivered_Then_the_order_is_DELIVERED_and_the_item_sold()
    {
        var orderId = await DeliveringOrderAsync();
        var delivering = await OrderAsync("customer-1", orderId);
        delivering.Text("status").Should().Be(OrderStatus.Delivering);

        await _app.PutEventAsync("Logistics", "Delivered", Choreography.OrderKey("customer-1", orderId));
        await _app.SettleAsync();

        (await _app.EventNamesAsync(orderId)).Should().Equal([.. Choreography.UpToDelivering, "Delivered", "DeliveryWasDelivered", "OrderDelivered"]);
        var order = await OrderAsync("customer-1", orderId);
        order.Text("status").Should().Be(OrderStatus.Delivered);
        order.Text("mode").Should().Be(OrderMode.EventDriven);
        order.Decimal("itemPrice").Should().Be(399.99m);
        order.Decimal("deliveryPrice").Should().BePositive();
        order.Decimal("total").Should().Be(order.Decimal("itemPrice") + order.Decimal("deliveryPrice"));
        order.Text("deliveryAddress").Should().Be("London SW1A 1AA, UK");

        var payment = await _client.GetJsonAsync($"/payment/describe/{order.Text("paymentId")}");
        payment.Text("status").Should().Be("PAID");
        payment.Decimal("amount").Should().Be(order.Decimal("total"));
        var delivery = await _client.GetJsonAsync($"/delivery/describe/customer-1/{orderId}");
        delivery.Text("status").Should().Be("DELIVERED");
        delivery.Decimal("price").Should().Be(order.Decimal("deliveryPrice"));
        var item = await _client.GetJsonAsync("/inventory/describe/item-1");
        (item.Int("available"), item.Int("reserved"), item.Int("sold")).Should().Be((9, 0, 1));
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_the_delivered_endpoint_is_called_Then_the_order_is_DELIVERED()
    {
        var orderId = await DeliveringOrderAsync("customer-2", "item-3");

        (await _client.GetJsonAsync($"/delivery/delivered/customer-2/{orderId}")).Status.Should().Be(HttpStatusCode.OK);
        await _app.SettleAsync();

        (await _app.EventNamesAsync(orderId)).Should().Equal([.. Choreography.UpToDelivering, "DeliveryWasDelivered", "OrderDelivered"]);
        (await OrderAsync("customer-2", orderId)).Text("status").Should().Be(OrderStatus.Delivered);
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_Logistics_cancels_it_Then_item_returned_payment_canceled_and_order_PAYMENT_CANCELED()
    {
        var orderId = await DeliveringOrderAsync();

        await _app.PutEventAsync("Logistics", "DeliveryCanceled", Choreography.OrderKey("customer-1", orderId));
        await _app.SettleAsync();

        (await _app.EventNamesAsync(orderId)).Should().Equal(
            [.. Choreography.UpToDelivering, "DeliveryCanceled", "DeliveryWasCanceled", "OrderCanceled", "ItemReturned", "PaymentCanceled"]);
        var order = await OrderAsync("customer-1", orderId);
        order.Text("status").Should().Be(OrderStatus.PaymentCanceled);
        (await _client.GetJsonAsync($"/payment/describe/{order.Text("paymentId")}")).Text("status").Should().Be("CANCELED");
        (await _client.GetJsonAsync($"/delivery/describe/customer-1/{orderId}")).Text("status").Should().Be("CANCELED");
        var item = await _client.GetJsonAsync("/inventory/describe/item-1");
        (item.Int("available"), item.Int("reserved"), item.Int("sold")).Should().Be((10, 0, 0));
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_the_cancel_endpoint_is_called_Then_the_order_ends_PAYMENT_CANCELED()
    {
        var orderId = await DeliveringOrderAsync();

        (await _client.GetJsonAsync($"/delivery/cancel/customer-1/{orderId}")).Status.Should().Be(HttpStatusCode.OK);
        await _app.SettleAsync();

        (await _app.EventNamesAsync(orderId)).Should().Equal(
            [.. Choreography.UpToDelivering, "DeliveryWasCanceled", "OrderCanceled", "ItemReturned", "PaymentCanceled"]);
        (await OrderAsync("customer-1", orderId)).Text("status").Should().Be(OrderStatus.PaymentCanceled);
    }

    [Fact]
    public async Task Given_payments_always_fail_When_order_created_Then_PaymentFailed_item_unreserved_and_order_PAYMENT_FAILED()
    {
        using var app = new ShopApp().With("Payments:FailProbability", "1");
        var client = app.CreateClient();

        var orderId = await client.CreateOrderAsync("customer-3", "item-2");
        await app.SettleAsync();

        (await app.EventNamesAsync(orderId)).Should().Equal(
            "OrderCreated", "ItemReserved", "ItemDescribed", "CustomerDescribed", "DeliveryEstimated", "PaymentFailed", "ItemUnreserved");
        var order = await client.GetJsonAsync($"/order/describe/customer-3/{orderId}");
        order.Text("status").Should().Be(OrderStatus.PaymentFailed);
        order.Decimal("itemPrice").Should().Be(599.99m);
        (await client.GetJsonAsync($"/payment/describe/{order.Text("paymentId")}")).Text("status").Should().Be("FAILED");
        (await client.GetJsonAsync($"/delivery/describe/customer-3/{orderId}")).Status.Should().Be(HttpStatusCode.NotFound);
        var item = await client.GetJsonAsync("/inventory/describe/item-2");
        (item.Int("available"), item.Int("reserved"), item.Int("sold")).Should().Be((5, 0, 0));
    }

    [Fact]
    public async Task Given_no_stock_When_order_created_Then_ItemNotAvailable_and_order_ITEM_NOT_AVAILABLE()
    {
        for (var i = 0; i < 5; i++) (await _client.GetJsonAsync("/inventory/reserve/item-2")).Status.Should().Be(HttpStatusCode.OK);

        var orderId = await _client.CreateOrderAsync("customer-1", "item-2");
        await _app.SettleAsync();

        (await _app.EventNamesAsync(orderId)).Should().Equal("OrderCreated", "ItemNotAvailable");
        (await OrderAsync("customer-1", orderId)).Text("status").Should().Be(OrderStatus.ItemNotAvailable);
        var item = await _client.GetJsonAsync("/inventory/describe/item-2");
        (item.Int("available"), item.Int("reserved"), item.Int("sold")).Should().Be((0, 5, 0));
    }

    [Fact]
    public async Task Given_an_order_When_its_events_are_stored_Then_each_is_keyed_by_the_customer_and_carries_the_growing_order()
    {
        var orderId = await DeliveringOrderAsync("customer-2", "item-1");

        var stored = await _app.StoredEventsAsync(orderId);

        stored.Should().OnlyContain(e => e.Who == "C#customer-2" && e.TimeWhat.EndsWith("#" + e.DetailType));
        stored.Select(e => e.Source).Should().Equal("Order", "Inventory", "Inventory", "Customer", "Delivery", "Payment", "Inventory", "Delivery");
        var started = stored[^1].Envelope().Detail;
        started.Text("customerId").Should().Be("customer-2");
        started.Text("orderId").Should().Be(orderId);
        started.Text("itemId").Should().Be("item-1");
        started.Number("item", "price").Should().Be(399.99m);
        started.Text("customer", "address").Should().Be("Great Russell St, London WC1B 3DG, UK");
        started.Text("payment", "status").Should().Be("PAID");
        started.Text("payment", "paymentId").Should().NotBeNullOrEmpty();
        started.Text("delivery", "status").Should().Be("DELIVERING");
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
    [InlineData("customer-9", "item-1")]
    [InlineData("customer-1", "item-9")]
    public async Task Given_an_unknown_customer_or_item_When_order_created_Then_404_and_nothing_stored(string customerId, string itemId)
    {
        var reply = await _client.GetJsonAsync($"/order/create/{customerId}/{itemId}");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        (await _app.StoredEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Given_an_orchestrated_order_in_delivery_When_delivered_Then_the_choreography_leaves_it_to_its_workflow()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new WriteOrder("customer-1", "wf-order-1", "item-1",
                OrderStatus.Delivering, OrderMode.Orchestrated));
        }
        (await _client.GetJsonAsync("/delivery/start/customer-1/wf-order-1/London%20SW1A%201AA%2C%20UK")).Status.Should().Be(HttpStatusCode.OK);

        await _app.PutEventAsync("Logistics", "Delivered", Choreography.OrderKey("customer-1", "wf-order-1"));
        await _app.SettleAsync();

        (await _app.EventNamesAsync("wf-order-1")).Should().Equal("Delivered", "DeliveryWasDelivered");
        (await OrderAsync("customer-1", "wf-order-1")).Text("status").Should().Be(OrderStatus.Delivering);
    }

    [Fact]
    public async Task Given_an_outcome_for_an_unknown_delivery_When_dispatched_Then_an_error_event_and_later_orders_still_flow()
    {
        await _app.PutEventAsync("Logistics", "Delivered", Choreography.OrderKey("customer-1", "no-such-order"));
        await _app.PutEventAsync("Logistics", "DeliveryCanceled", []);
        await _app.SettleAsync();

        var errors = (await _app.StoredEventsAsync()).Where(e => e.DetailType.StartsWith("Error", StringComparison.Ordinal)).ToList();
        errors.Select(e => e.DetailType).Should().Equal("ErrorDeliveryWasDelivered", "ErrorDeliveryWasCanceled");
        errors[0].Envelope().Detail.Text("error", "errorCode").Should().Be("DeliveryNotFound");
        errors[1].Envelope().Detail.Text("error", "errorCode").Should().BeNull("a malformed detail has no error code, only a message");
        await DeliveringOrderAsync();
    }

    [Fact]
    public async Task Given_a_finished_order_When_every_event_is_delivered_again_Then_nothing_changes()
    {
        var orderId = await DeliveringOrderAsync();
        await _app.PutEventAsync("Logistics", "DeliveryCanceled", Choreography.OrderKey("customer-1", orderId));
        await _app.SettleAsync();
        var before = await SnapshotAsync(orderId);

        foreach (var stored in await _app.StoredEventsAsync(orderId))
        {
            await _app.Services.GetRequiredService<EventDispatcher>().RedeliverAsync(stored.Envelope());
        }
        await _app.SettleAsync();

        (await SnapshotAsync(orderId)).Should().Be(before);
    }

    private async Task<string> SnapshotAsync(string orderId)
    {
        var order = await OrderAsync("customer-1", orderId);
        var names = string.Join(",", await _app.EventNamesAsync(orderId));
        var item = await _client.GetJsonAsync("/inventory/describe/item-1");
        var payment = await _client.GetJsonAsync($"/payment/describe/{order.Text("paymentId")}");
        var delivery = await _client.GetJsonAsync($"/delivery/describe/customer-1/{orderId}");
        var all = (await _app.StoredEventsAsync()).Count;
        return $"{order}|{names}|{item}|{payment}|{delivery}|{all}";
    }
}
