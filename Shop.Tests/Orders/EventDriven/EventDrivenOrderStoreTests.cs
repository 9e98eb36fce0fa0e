using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Orders.EventDriven;

/// <summary>
/// The paths of the orders' event handlers the full choreography never takes, now that each change is one conditional
/// statement (OrdersSql): a delivery outcome for an order that is not delivering, events about an orchestrated order,
/// events that carry only some of the facts an order keeps.
/// </summary>
public sealed class EventDrivenOrderStoreTests : IDisposable
{
    private const string Customer = "customer-1";

    // One attempt: a handler that fails is dead at once, not retried behind the settle.
    private readonly ShopApp _app = new ShopApp().With("Events:MaxAttempts", "1");
    private readonly HttpClient _client;

    public EventDrivenOrderStoreTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<OrderDto> WriteAsync(WriteOrder order)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(order);
    }

    private static JsonObject About(string orderId, JsonObject? more = null)
    {
        var detail = Choreography.OrderKey(Customer, orderId);
        if (more is not null)
            foreach (var (name, value) in more) detail[name] = value?.DeepClone();
        return detail;
    }

    [Fact]
    public async Task Given_an_event_driven_order_not_delivering_When_its_delivery_is_reported_delivered_Then_ErrorOrderDelivered_says_so_and_the_order_is_unchanged()
    {
        var written = await WriteAsync(new WriteOrder(Customer, "paid-1", "item-1", OrderStatus.Paid, OrderMode.EventDriven, ItemPrice: 10m, DeliveryPrice: 2m));

        await _app.PutEventAsync(DeliveryEvents.Source, DeliveryWasDelivered.DetailType, About("paid-1"));
        await _app.SettleAsync();

        var events = (await _app.StoredEventsAsync("paid-1")).Select(e => e.Envelope()).ToList();
        events.Should().NotContain(e => e.DetailType == OrderEvents.OrderDelivered);
        var error = events.Should().ContainSingle(e => e.DetailType == OrderEvents.ErrorOrderDelivered).Which;
        error.Detail.Text("error", "errorCode").Should().Be("OrderNotDelivering");
        error.Detail.Text("error", "message").Should().Be("The order is PAID, not DELIVERING.");
        (await _client.OrderAsync(Customer, "paid-1")).Should().Be(written);
    }

    [Fact]
    public async Task Given_an_orchestrated_order_When_the_choreographys_events_name_it_Then_it_is_left_to_its_workflow()
    {
        var written = await WriteAsync(new WriteOrder(Customer, "orch-1", "item-1", OrderStatus.Delivering, OrderMode.Orchestrated,
            ItemPrice: 10m, DeliveryPrice: 2m, PaymentId: "pay-1", DeliveryAddress: "Here", ExecutionId: "exec-1"));

        await _app.PutEventAsync(DeliveryEvents.Source, DeliveryEvents.DeliveryStarted, About("orch-1", new() { ["delivery"] = new JsonObject { ["address"] = "There" } }));
        await _app.PutEventAsync(PaymentEvents.Source, PaymentEvents.PaymentMade, About("orch-1", new() { ["payment"] = new JsonObject { ["paymentId"] = "pay-2", ["amount"] = 1 } }));
        // A number the shop cannot take fails only an event about an event-driven order; about this one it changes nothing.
        await _app.PutEventAsync(PaymentEvents.Source, PaymentEvents.PaymentFailed, About("orch-1", new() { ["payment"] = new JsonObject { ["amount"] = 1e300 } }));
        await _app.PutEventAsync(DeliveryEvents.Source, DeliveryWasDelivered.DetailType, About("orch-1"));
        await _app.SettleAsync();

        (await _client.OrderAsync(Customer, "orch-1")).Should().Be(written);
        var names = await _app.EventNamesAsync("orch-1");
        names.Should().NotContain(OrderEvents.OrderDelivered);
        names.Should().NotContain(OrderEvents.ErrorOrderDelivered);
        // Subscribers are named after their handler (Orders.RecordPayment.RecordPaymentHandler): none of the orders' failed.
        var dead = (await _client.GetFromJsonAsync<JsonArray>("/events/dead"))!;
        dead.Select(d => (string?)d!["subscriber"]).Should().NotContain(s => s != null && s.StartsWith("Orders.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_an_event_driven_order_When_events_carry_only_some_facts_Then_the_others_keep_their_stored_values()
    {
        await WriteAsync(new WriteOrder(Customer, "facts-1", "item-1", OrderStatus.Created, OrderMode.EventDriven,
            ItemPrice: 10m, DeliveryPrice: 2.5m, DeliveryAddress: "Old address"));

        await _app.PutEventAsync(PaymentEvents.Source, PaymentEvents.PaymentMade, About("facts-1", new() { ["payment"] = new JsonObject { ["paymentId"] = "pay-7", ["amount"] = 13.25m } }));
        await _app.SettleAsync();

        var paid = await _client.OrderAsync(Customer, "facts-1");
        (paid.Status, paid.ItemPrice, paid.DeliveryPrice, paid.Total, paid.PaymentId, paid.DeliveryAddress)
            .Should().Be((OrderStatus.Paid, 10m, 2.5m, 13.25m, "pay-7", "Old address"));

        await _app.PutEventAsync(DeliveryEvents.Source, DeliveryEvents.DeliveryStarted, About("facts-1"));
        await _app.SettleAsync();
        var delivering = await _client.OrderAsync(Customer, "facts-1");
        (delivering.Status, delivering.DeliveryAddress, delivering.Total).Should().Be((OrderStatus.Delivering, "Old address", 13.25m));

        await _app.PutEventAsync(DeliveryEvents.Source, DeliveryEvents.DeliveryStarted, About("facts-1", new() { ["delivery"] = new JsonObject { ["address"] = "New address" } }));
        await _app.SettleAsync();
        (await _client.OrderAsync(Customer, "facts-1")).DeliveryAddress.Should().Be("New address");
    }
}
