using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Crash;

/// <summary>
/// Invariants 1, 2 and 4 under kill -9: Shop.Web runs as a real process and is killed at random moments
/// while event-driven orders are in flight, then restarted. In the end every order has finished exactly
/// one path of SCENARIOS §1.2, with exactly its events, and stock, payments and deliveries add up.
/// </summary>
public sealed class EventDrivenCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] UpToDelivering =
        ["OrderCreated", "ItemReserved", "ItemDescribed", "CustomerDescribed", "DeliveryEstimated", "PaymentMade", "ItemRemoved", "DeliveryStarted"];

    private static readonly Dictionary<string, int> InitialStock = new() { ["item-1"] = 10, ["item-2"] = 5, ["item-3"] = 100 };

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "shop-crash", Guid.NewGuid().ToString("N"));
    private readonly int _seed = Environment.TickCount;
    private OrderLoad? _load;

    /// <summary>Reads the data folder's SQLite file (OrderLoad's readers).</summary>
    private OrderLoad Db => _load ??= new OrderLoad(_dataFolder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Given_orders_in_flight_When_the_process_is_killed_repeatedly_Then_every_order_finishes_once_and_everything_adds_up()
    {
        output.WriteLine($"random seed {_seed}, data folder {_dataFolder}");
        var time = Stopwatch.StartNew();
        var random = new Random(_seed);
        string[] customers = ["customer-1", "customer-2", "customer-3"];
        string[] items = ["item-1", "item-2", "item-3"];
        var accepted = new ConcurrentBag<(string CustomerId, string OrderId)>();
        var inFlightAtKill = 0;

        // Four crashes while orders are created and their chains run (a fifth comes with the deliveries).
        for (var round = 0; round < 4; round++)
        {
            using var shop = await StartAsync(_dataFolder);
            var dispatchedBefore = Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NOT NULL");
            var creates = Enumerable.Range(0, 7).Select(async i =>
            {
                var customerId = customers[random.Next(customers.Length)];
                var reply = await TryGetAsync(shop, $"/order/create/{customerId}/{items[(round + i) % items.Length]}");
                if (reply is { Status: HttpStatusCode.Accepted } r) accepted.Add((customerId, r.Body.GetProperty("orderId").GetString()!));
            }).ToList();
            // At a random moment of the chains: once some orders are in, after a random number of deliveries.
            await Task.WhenAll(creates.Take(2));
            await DeliveredAsync(dispatchedBefore + random.Next(1, 25));
            shop.Kill();
            await Task.WhenAll(creates);
            var undispatched = Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL");
            inFlightAtKill += (int)undispatched;
            output.WriteLine($"round {round}: {time.Elapsed.TotalSeconds:F1} s: killed with {undispatched} undelivered events; {accepted.Count} orders accepted, {Db.Orders().Count} stored so far");
        }

        // Let the chains finish, then end each delivery (half delivered, half canceled) and crash once more.
        Dictionary<(string, string), bool> deliver;
        using (var shop = await StartAsync(_dataFolder))
        {
            await SettledAsync();
            deliver = Db.Orders().Where(o => o.Status == "DELIVERING").ToDictionary(o => (o.CustomerId, o.OrderId), _ => random.Next(2) == 0);
            var dispatchedBefore = Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NOT NULL");
            var outcomes = deliver.Select(d => TryGetAsync(shop, $"/delivery/{(d.Value ? "delivered" : "cancel")}/{d.Key.Item1}/{d.Key.Item2}")).ToList();
            await Task.WhenAll(outcomes.Take(outcomes.Count / 2));
            await DeliveredAsync(dispatchedBefore + random.Next(1, 40));
            shop.Kill();
            await Task.WhenAll(outcomes);
            output.WriteLine($"delivery round {time.Elapsed.TotalSeconds:F1} s: {deliver.Count} outcomes sent, killed with {Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL")} undelivered events");
        }

        // Outcomes lost with the crash are sent again; the ones that committed answer 409 and change nothing.
        using (var shop = await StartAsync(_dataFolder))
        {
            await SettledAsync();
            foreach (var ((customerId, orderId), delivered) in deliver)
                await TryGetAsync(shop, $"/delivery/{(delivered ? "delivered" : "cancel")}/{customerId}/{orderId}");
            await SettledAsync();
        }

        var orders = Db.Orders();
        output.WriteLine($"{time.Elapsed.TotalSeconds:F1} s: {orders.Count} orders: {string.Join(", ", orders.GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}"))}");
        inFlightAtKill.Should().BePositive("at least one kill must land while events are waiting to be delivered");
        orders.Select(o => o.OrderId).Should().Contain(accepted.Select(a => a.OrderId), "an accepted order is never lost");
        Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL").Should().Be(0, "every stored event is delivered");
        Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DetailType LIKE 'Error%'").Should().Be(0);
        Db.Scalar("SELECT COUNT(*) FROM evt_handled WHERE EventId NOT IN (SELECT EventId FROM evt_events)").Should().Be(0);

        var eventsByOrder = Db.Query("SELECT OrderId, DetailType FROM evt_events WHERE OrderId IS NOT NULL ORDER BY Sequence", r => (r.GetString(0), r.GetString(1)))
            .ToLookup(e => e.Item1, e => e.Item2);
        foreach (var order in orders)
        {
            string[] expected = order.Status switch
            {
                "ITEM_NOT_AVAILABLE" => ["OrderCreated", "ItemNotAvailable"],
                "DELIVERED" => [.. UpToDelivering, "DeliveryWasDelivered", "OrderDelivered"],
                "PAYMENT_CANCELED" => [.. UpToDelivering, "DeliveryWasCanceled", "OrderCanceled", "ItemReturned", "PaymentCanceled"],
                _ => throw new Xunit.Sdk.XunitException($"order {order.OrderId} ended {order.Status}, not a final state"),
            };
            eventsByOrder[order.OrderId].Should().Equal(expected, $"order {order.OrderId} ({order.Status}) must have each event of its path exactly once");
            if (order.Status != "ITEM_NOT_AVAILABLE")
                order.Status.Should().Be(deliver[(order.CustomerId, order.OrderId)] ? "DELIVERED" : "PAYMENT_CANCELED");
        }

        foreach (var (itemId, initial) in InitialStock)
        {
            var (available, reserved, sold) = Db.Query($"SELECT Available, Reserved, Sold FROM inv_items WHERE ItemId = '{itemId}'",
                r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))).Single();
            (available + reserved + sold).Should().Be(initial, $"stock of {itemId} is conserved");
            reserved.Should().Be(0);
            sold.Should().Be(orders.Count(o => o.ItemId == itemId && o.Status == "DELIVERED"));
        }

        var paid = orders.Where(o => o.Status != "ITEM_NOT_AVAILABLE").ToList();
        paid.Select(o => o.PaymentId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        Db.Scalar("SELECT COUNT(*) FROM pay_payments").Should().Be(paid.Count, "one payment per order that reached payment");
        Db.Scalar("SELECT COUNT(*) FROM pay_payments WHERE Status = 'PAID'").Should().Be(orders.Count(o => o.Status == "DELIVERED"));
        Db.Scalar("SELECT COUNT(*) FROM pay_payments WHERE Status = 'CANCELED'").Should().Be(orders.Count(o => o.Status == "PAYMENT_CANCELED"));
        Db.Scalar("SELECT COUNT(*) FROM dlv_deliveries").Should().Be(paid.Count, "one delivery per paid order");
    }

    /// <summary>Until <paramref name="count"/> events have been delivered, or nothing is left to deliver.</summary>
    private async Task DeliveredAsync(long count)
    {
        var clock = Stopwatch.StartNew();
        while (Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NOT NULL") < count
               && Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL") > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the dispatcher made no progress in 60 s");
            await Task.Delay(10);
        }
    }

    private async Task SettledAsync()
    {
        var clock = Stopwatch.StartNew();
        while (Db.Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL") > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("events still undelivered after 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Shop.Web as a process (Infrastructure/ShopServer); a request may take 30 s on a busy machine.</summary>
    private static Task<ShopServer> StartAsync(string dataFolder) =>
        ShopServer.StartAsync(new Dictionary<string, string> { ["Payments__FailProbability"] = "0" }, dataFolder, TimeSpan.FromSeconds(30));

    /// <summary>The reply, or null when the process died under the request.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)?> TryGetAsync(ShopServer shop, string path)
    {
        try
        {
            using var response = await shop.Client.GetAsync(new Uri(path, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(text.Length == 0 || text[0] is not ('{' or '[') ? "null" : text);
            return (response.StatusCode, document.RootElement.Clone());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }
}
