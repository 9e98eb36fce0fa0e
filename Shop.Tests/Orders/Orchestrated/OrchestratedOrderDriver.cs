using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;
using Shop.Tests.Workflows;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>One shop on a fake clock, and the orchestrated order as a client drives it over HTTP.</summary>
internal sealed class OrchestratedOrderDriver : IDisposable
{
    public OrchestratedOrderDriver(Func<ShopApp, ShopApp>? configure = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
        App = (configure ?? (a => a))(new ShopApp().WithClock(Clock));
        Client = App.CreateClient();
    }

    public FakeTimeProvider Clock { get; }

    public ShopApp App { get; }

    public HttpClient Client { get; }

    /// <summary>A customer and an item of the test's own (<see cref="AnItem.Any"/>: 10 in stock, unless given).</summary>
    public async Task<(CustomerDto Customer, ItemDto Item)> GivenAsync(AnItem? item = null, ACustomer? customer = null) =>
        (await (customer ?? ACustomer.Any).CreateAsync(App), await (item ?? AnItem.Any).CreateAsync(App));

    /// <summary>A new customer orders a new item (10 in stock).</summary>
    public async Task<OrderAccepted> PlaceAsync()
    {
        var (customer, item) = await GivenAsync();
        return await PlaceAsync(customer.CustomerId, item.ItemId);
    }

    public Task<OrderAccepted> PlaceAsync(string customerId, string itemId) => new AnOrder(customerId, itemId).PlaceAsync(Client);

    public Task<OrderAccepted> PlaceAsync(CustomerDto customer, ItemDto item) => AnOrder.Of(customer, item).PlaceAsync(Client);

    /// <summary>The order as <c>GET /order/describe/…</c> answers it (200 or the test fails).</summary>
    public Task<OrderDto> OrderAsync(OrderAccepted order) => Client.GetOkAsync<OrderDto>($"/order/describe/{order.CustomerId}/{order.OrderId}");

    public Task<PaymentDto> PaymentAsync(string? paymentId) => Client.GetOkAsync<PaymentDto>($"/payment/describe/{paymentId}");

    public Task<DeliveryDto> DeliveryAsync(OrderAccepted order) => Client.GetOkAsync<DeliveryDto>($"/delivery/describe/{order.CustomerId}/{order.OrderId}");

    public Task<ItemDto> ItemAsync(string itemId) => Client.GetOkAsync<ItemDto>($"/inventory/describe/{itemId}");

    /// <summary>Until the execution waits in <paramref name="state"/> (or has ended) and nothing else is under way.</summary>
    public Task<JsonObject> WaitInStateAsync(string executionId, string state, double seconds = 30) =>
        WaitUntilAsync(executionId, seconds,
            execution => (string?)execution["currentState"] == state || (string)execution["status"]! != ExecutionStatus.Running,
            execution => $"{executionId} is in '{execution["currentState"]}', not '{state}'.");

    public Task<JsonObject> WaitForEndAsync(string executionId, double seconds = 30) =>
        WaitUntilAsync(executionId, seconds,
            execution => (string)execution["status"]! != ExecutionStatus.Running,
            execution => $"{executionId} still runs in '{execution["currentState"]}'.");

    private Task<JsonObject> WaitUntilAsync(string executionId, double seconds, Func<JsonObject, bool> reached, Func<JsonObject, string> timedOut) =>
        Eventually.UntilAsync(async () =>
        {
            await SettleAsync(seconds);
            return await Client.DescribeAsync(executionId);
        }, reached, timedOut, seconds);

    /// <summary>Until no step runs or waits in the queue and every committed event has been delivered.</summary>
    public Task SettleAsync(double seconds = 30) => Eventually.IdleAsync(App.Services, seconds);

    /// <summary>The states the execution entered, in order (from GET /workflows/executions/{id}/history).</summary>
    public async Task<List<string>> EnteredStatesAsync(string executionId) =>
        (await Client.HistoryAsync(executionId))
            .Where(e => ((string)e["type"]!).EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => (string)e["state"]!)
            .ToList();

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await App.FireDueDeadlinesAsync();
        await SettleAsync();
    }

    public Task<JsonReply> GetAsync(string path) => Client.GetJsonAsync(path);

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
    }
}
