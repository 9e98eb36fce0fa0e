using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
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

    public sealed record Placed(string OrderId, string CustomerId, string ExecutionId);

    public async Task<Placed> PlaceAsync(string customerId = "customer-1", string itemId = "item-1")
    {
        var response = await Client.PostAsJsonAsync("/order", new { customerId, itemId });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var placed = new Placed((string)body["orderId"]!, (string)body["customerId"]!, (string)body["executionId"]!);
        response.Headers.Location!.ToString().Should().Be($"/order/describe/{customerId}/{Uri.EscapeDataString(placed.OrderId)}");
        return placed;
    }

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
