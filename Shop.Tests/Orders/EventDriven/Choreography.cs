using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Orders.EventDriven;

/// <summary>Driving and observing the event-driven order from a test.</summary>
internal static class Choreography
{
    public static readonly string[] UpToDelivering =
        ["OrderCreated", "ItemReserved", "ItemDescribed", "CustomerDescribed", "DeliveryEstimated", "PaymentMade", "ItemRemoved", "DeliveryStarted"];

    public static async Task<string> CreateOrderAsync(this HttpClient client, string customerId, string itemId)
    {
        var order = await new AnOrder(customerId, itemId).CreateEventDrivenAsync(client);
        return order.OrderId;
    }

    /// <summary>Waits until every stored event has been delivered and the dispatcher sleeps.</summary>
    public static Task SettleAsync(this ShopApp app, TimeSpan? timeout = null)
    {
        var dispatcher = app.Services.GetRequiredService<EventDispatcher>();
        return Eventually.UntilAsync(async () => (Idle: dispatcher.IsIdle, Undispatched: await app.UndispatchedAsync()),
            seen => seen.Idle && seen.Undispatched == 0, seen => $"{seen.Undispatched} event(s) still undelivered",
            (timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds);
    }

    public static async Task<int> UndispatchedAsync(this ShopApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EventsDbContext>().Events.CountAsync(e => e.DispatchedAt == null);
    }

    /// <summary>The order's events in store (= dispatch) order, with their event-store keys.</summary>
    public static async Task<List<StoredEvent>> StoredEventsAsync(this ShopApp app, string? orderId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<EventsDbContext>().Events.AsNoTracking();
        if (orderId is not null) events = events.Where(e => e.OrderId == orderId);
        return await events.OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<List<string>> EventNamesAsync(this ShopApp app, string orderId) =>
        (await app.StoredEventsAsync(orderId)).Select(e => e.DetailType).ToList();

    public static EventEnvelope Envelope(this StoredEvent stored) => JsonSerializer.Deserialize<EventEnvelope>(stored.Envelope, EventEnvelope.Json)!;

    /// <summary>An event from outside (the stand-in for EventBridge PutEvents), e.g. Logistics' Delivered.</summary>
    public static async Task PutEventAsync(this ShopApp app, string source, string detailType, JsonObject detail)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEventPublisher>().PublishAsync(source, detailType, detail);
    }

    public static Task<OrderDto> OrderAsync(this HttpClient client, string customerId, string orderId) =>
        client.GetOkAsync<OrderDto>($"/order/describe/{customerId}/{orderId}");

    public static Task<ItemDto> ItemAsync(this HttpClient client, string itemId) => client.GetOkAsync<ItemDto>($"/inventory/describe/{itemId}");

    public static Task<PaymentDto> PaymentAsync(this HttpClient client, string? paymentId) =>
        client.GetOkAsync<PaymentDto>($"/payment/describe/{paymentId}");

    public static JsonObject OrderKey(string customerId, string orderId) => new() { ["customerId"] = customerId, ["orderId"] = orderId };
}
