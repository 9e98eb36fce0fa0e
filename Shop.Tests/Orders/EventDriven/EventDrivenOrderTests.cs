using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Orders.EventDriven;

/// <summary>SCENARIOS §1.2: the paths of the choreography through delivery, their exact events and the records they leave; failures and bad requests are in <see cref="EventDrivenOrderFailureTests"/>.</summary>
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

    private const string Buckingham = "London SW1A 1AA, UK";
    private const string GreatRussell = "Great Russell St, London WC1B 3DG, UK";

    /// <summary>An order of the test's own customer and item, and its id.</summary>
    private sealed record Ordered(CustomerDto Customer, ItemDto Item, string OrderId);

    private async Task<Ordered> DeliveringOrderAsync(AnItem? item = null, ACustomer? customer = null)
    {
        var (buyer, bought) = (await (customer ?? ACustomer.Any).CreateAsync(_app), await (item ?? AnItem.Any).CreateAsync(_app));
        var orderId = (await AnOrder.Of(buyer, bought).CreateEventDrivenAsync(_client)).OrderId;
        await _app.SettleAsync();
        (await _app.EventNamesAsync(orderId)).Should().Equal(Choreography.UpToDelivering);
        return new Ordered(buyer, bought, orderId);
    }

    private Task<OrderDto> OrderAsync(string customerId, string orderId) => _client.OrderAsync(customerId, orderId);

    private Task<OrderDto> OrderAsync(Ordered order) => OrderAsync(order.Customer.CustomerId, order.OrderId);

    private Task<DeliveryDto> DeliveryAsync(Ordered order) =>
        _client.GetOkAsync<DeliveryDto>($"/delivery/describe/{order.Customer.CustomerId}/{order.OrderId}");

    [Fact]
    public async Task Given_a_customer_and_an_item_When_order_created_Then_202_with_the_CREATED_event_driven_order()
    {
        var customer = await ACustomer.Any.CreateAsync(_app);
        var item = await AnItem.Any.CreateAsync(_app);

        var order = await AnOrder.Of(customer, item).CreateEventDrivenAsync(_client);

        order.CustomerId.Should().Be(customer.CustomerId);
        order.ItemId.Should().Be(item.ItemId);
        order.Status.Should().Be(OrderStatus.Created);
        order.Mode.Should().Be(OrderMode.EventDriven);
        // A readable id: the creation time, then a suffix that keeps same-millisecond orders apart.
        order.OrderId.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-[0-9a-f]{8}$");
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_Logistics_reports_Delivered_Then_the_order_is_DELIVERED_and_the_item_sold()
    {
        var ordered = await DeliveringOrderAsync(AnItem.Stocked(10).Priced(399.99m), ACustomer.LivingAt(Buckingham));
        (await OrderAsync(ordered)).Status.Should().Be(OrderStatus.Delivering);

        await _app.PutEventAsync("Logistics", "Delivered", Choreography.OrderKey(ordered.Customer.CustomerId, ordered.OrderId));
        await _app.SettleAsync();

        (await _app.EventNamesAsync(ordered.OrderId)).Should().Equal([.. Choreography.UpToDelivering, "Delivered", "DeliveryWasDelivered", "OrderDelivered"]);
        var order = await OrderAsync(ordered);
        order.Status.Should().Be(OrderStatus.Delivered);
        order.Mode.Should().Be(OrderMode.EventDriven);
        order.ItemPrice.Should().Be(399.99m);
        order.DeliveryPrice.Should().BePositive();
        order.Total.Should().Be(order.ItemPrice + order.DeliveryPrice);
        order.DeliveryAddress.Should().Be(Buckingham);

        var payment = await _client.PaymentAsync(order.PaymentId);
        payment.Status.Should().Be(PaymentStatus.Paid);
        payment.Amount.Should().Be(order.Total);
        var delivery = await DeliveryAsync(ordered);
        delivery.Status.Should().Be(DeliveryStatus.Delivered);
        delivery.Price.Should().Be(order.DeliveryPrice);
        var item = await _client.ItemAsync(ordered.Item.ItemId);
        (item.Available, item.Reserved, item.Sold).Should().Be((9, 0, 1));
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_the_delivered_endpoint_is_called_Then_the_order_is_DELIVERED()
    {
        var ordered = await DeliveringOrderAsync();

        (await _client.GetJsonAsync($"/delivery/delivered/{ordered.Customer.CustomerId}/{ordered.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        await _app.SettleAsync();

        (await _app.EventNamesAsync(ordered.OrderId)).Should().Equal([.. Choreography.UpToDelivering, "DeliveryWasDelivered", "OrderDelivered"]);
        (await OrderAsync(ordered)).Status.Should().Be(OrderStatus.Delivered);
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_Logistics_cancels_it_Then_item_returned_payment_canceled_and_order_PAYMENT_CANCELED()
    {
        var ordered = await DeliveringOrderAsync(AnItem.Stocked(10));

        await _app.PutEventAsync("Logistics", "DeliveryCanceled", Choreography.OrderKey(ordered.Customer.CustomerId, ordered.OrderId));
        await _app.SettleAsync();

        (await _app.EventNamesAsync(ordered.OrderId)).Should().Equal(
            [.. Choreography.UpToDelivering, "DeliveryCanceled", "DeliveryWasCanceled", "OrderCanceled", "ItemReturned", "PaymentCanceled"]);
        var order = await OrderAsync(ordered);
        order.Status.Should().Be(OrderStatus.PaymentCanceled);
        (await _client.PaymentAsync(order.PaymentId)).Status.Should().Be(PaymentStatus.Canceled);
        (await DeliveryAsync(ordered)).Status.Should().Be(DeliveryStatus.Canceled);
        var item = await _client.ItemAsync(ordered.Item.ItemId);
        (item.Available, item.Reserved, item.Sold).Should().Be((10, 0, 0));
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_the_cancel_endpoint_is_called_Then_the_order_ends_PAYMENT_CANCELED()
    {
        var ordered = await DeliveringOrderAsync();

        (await _client.GetJsonAsync($"/delivery/cancel/{ordered.Customer.CustomerId}/{ordered.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        await _app.SettleAsync();

        (await _app.EventNamesAsync(ordered.OrderId)).Should().Equal(
            [.. Choreography.UpToDelivering, "DeliveryWasCanceled", "OrderCanceled", "ItemReturned", "PaymentCanceled"]);
        (await OrderAsync(ordered)).Status.Should().Be(OrderStatus.PaymentCanceled);
    }

    [Fact]
    public async Task Given_an_order_When_its_events_are_stored_Then_each_is_keyed_by_the_customer_and_carries_the_growing_order()
    {
        var ordered = await DeliveringOrderAsync(AnItem.Any.Priced(399.99m), ACustomer.LivingAt(GreatRussell));
        var customerId = ordered.Customer.CustomerId;

        var stored = await _app.StoredEventsAsync(ordered.OrderId);

        stored.Should().OnlyContain(e => e.Who == $"C#{customerId}" && e.TimeWhat.EndsWith("#" + e.DetailType));
        stored.Select(e => e.Source).Should().Equal("Order", "Inventory", "Inventory", "Customer", "Delivery", "Payment", "Inventory", "Delivery");
        var started = stored[^1].Envelope().Detail;
        started.Text("customerId").Should().Be(customerId);
        started.Text("orderId").Should().Be(ordered.OrderId);
        started.Text("itemId").Should().Be(ordered.Item.ItemId);
        started.Number("item", "price").Should().Be(399.99m);
        started.Text("customer", "address").Should().Be(GreatRussell);
        started.Text("payment", "status").Should().Be("PAID");
        started.Text("payment", "paymentId").Should().NotBeNullOrEmpty();
        started.Text("delivery", "status").Should().Be("DELIVERING");
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
        (await OrderAsync("customer-1", "wf-order-1")).Status.Should().Be(OrderStatus.Delivering);
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
        var ordered = await DeliveringOrderAsync();
        await _app.PutEventAsync("Logistics", "DeliveryCanceled", Choreography.OrderKey(ordered.Customer.CustomerId, ordered.OrderId));
        await _app.SettleAsync();
        var before = await SnapshotAsync(ordered);

        foreach (var stored in await _app.StoredEventsAsync(ordered.OrderId))
        {
            await _app.Services.GetRequiredService<EventDispatcher>().RedeliverAsync(stored.Envelope());
        }
        await _app.SettleAsync();

        (await SnapshotAsync(ordered)).Should().Be(before);
    }

    /// <summary>Every record the order touched, whole (records print every member), and the number of stored events.</summary>
    private async Task<string> SnapshotAsync(Ordered ordered)
    {
        var order = await OrderAsync(ordered);
        var names = string.Join(",", await _app.EventNamesAsync(ordered.OrderId));
        var item = await _client.ItemAsync(ordered.Item.ItemId);
        var payment = await _client.PaymentAsync(order.PaymentId);
        var delivery = await DeliveryAsync(ordered);
        var all = (await _app.StoredEventsAsync()).Count;
        return $"{order}|{names}|{item}|{payment}|{delivery}|{all}";
    }
}
