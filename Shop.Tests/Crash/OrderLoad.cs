using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Shop.Tests.Crash;

/// <summary>
/// Orders of both modes against a Shop.Web process, and the invariants they must satisfy once every order has
/// ended, read straight from the SQLite file: each order final, stock conserved, one payment and one delivery per
/// paid order, no execution left running, every event delivered.
/// </summary>
internal sealed class OrderLoad(string dataFolder)
{
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["Payments__FailProbability"] = "0",
        ["Workflows__TimeScale"] = "1",
    };

    private static readonly string[] Customers = ["customer-1", "customer-2", "customer-3"];
    private static readonly string[] Items = ["item-1", "item-2", "item-3"];
    private static readonly Dictionary<string, int> InitialStock = new() { ["item-1"] = 10, ["item-2"] = 5, ["item-3"] = 100 };
    private static readonly string[] Final = ["DELIVERED", "DELIVERY_CANCELED", "PAYMENT_CANCELED", "ITEM_NOT_AVAILABLE"];

    /// <summary>Order ids the shop accepted (202).</summary>
    public ConcurrentBag<string> Accepted { get; } = [];

    /// <summary>Places <paramref name="count"/> orders of each mode, at most <paramref name="parallel"/> at a time; a request cut by a crash is dropped.</summary>
    public async Task PlaceAsync(HttpClient client, int count, int parallel, int seed, CancellationToken stop = default)
    {
        using var gate = new SemaphoreSlim(parallel);
        var requests = Enumerable.Range(0, count * 2).Select(async i =>
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                if (stop.IsCancellationRequested) return;
                var customer = Customers[(seed + i) % Customers.Length];
                var item = Items[(seed + i / 2) % Items.Length];
                using var response = i % 2 == 0
                    ? await client.PostAsJsonAsync("/order", new { customerId = customer, itemId = item }, CancellationToken.None)
                    : await client.GetAsync(new Uri($"/order/create/{customer}/{item}", UriKind.Relative), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                    Accepted.Add((await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None))!["orderId"]!.GetValue<string>());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // the process died under the request: the order may or may not exist; the checks read the database
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(requests);
    }

    /// <summary>Waits until every order waits for its delivery outcome or has ended, then delivers or cancels each (by seed) and waits for all to end.</summary>
    public async Task CompleteAsync(HttpClient client, int seed)
    {
        await UntilAsync(() => Orders().All(o => o.Status is "DELIVERING" || Final.Contains(o.Status)) && Undispatched() == 0, "orders reach DELIVERING or end");
        var random = new Random(seed);
        foreach (var order in Orders().Where(o => o.Status == "DELIVERING"))
        {
            var outcome = random.Next(2) == 0 ? "delivered" : "cancel";
            using var response = await client.GetAsync(new Uri($"/delivery/{outcome}/{order.CustomerId}/{order.OrderId}", UriKind.Relative));
            ((int)response.StatusCode).Should().BeOneOf([200, 409], $"{outcome} of {order.OrderId}: {await response.Content.ReadAsStringAsync()}");
        }
        await UntilAsync(() => Orders().All(o => Final.Contains(o.Status)) && Undispatched() == 0 && Scalar("SELECT COUNT(*) FROM wf_executions WHERE Status = 'RUNNING'") == 0,
            "every order ends");
    }

    public void CheckInvariants()
    {
        var orders = Orders();
        orders.Select(o => o.OrderId).Should().Contain(Accepted, "an accepted order is never lost");
        orders.Should().OnlyContain(o => Final.Contains(o.Status), "every order ended");
        Undispatched().Should().Be(0, "every stored event is delivered");
        Scalar("SELECT COUNT(*) FROM evt_deliveries").Should().Be(0, "no delivery is parked or dead");
        Scalar("SELECT COUNT(*) FROM evt_events WHERE DetailType LIKE 'Error%'").Should().Be(0);
        Scalar("SELECT COUNT(*) FROM wf_executions WHERE Status NOT IN ('SUCCEEDED', 'FAILED')").Should().Be(0, "no execution is left running");
        Scalar("SELECT COUNT(*) FROM wf_deadlines").Should().Be(0, "no timer is left behind");
        foreach (var (itemId, initial) in InitialStock)
        {
            var (available, reserved, sold) = Query($"SELECT Available, Reserved, Sold FROM inv_items WHERE ItemId = '{itemId}'",
                r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))).Single();
            (available + reserved + sold).Should().Be(initial, $"stock of {itemId} is conserved");
            reserved.Should().Be(0, $"no reservation of {itemId} is left");
            sold.Should().Be(orders.Count(o => o.ItemId == itemId && o.Status == "DELIVERED"), $"each delivered {itemId} sold once");
        }
        var paid = orders.Where(o => o.Status != "ITEM_NOT_AVAILABLE").ToList();
        paid.Select(o => o.PaymentId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        Scalar("SELECT COUNT(*) FROM pay_payments").Should().Be(paid.Count, "one payment per order that reached payment");
        Scalar("SELECT COUNT(*) FROM pay_payments WHERE Status = 'PAID'").Should().Be(orders.Count(o => o.Status == "DELIVERED"));
        Scalar("SELECT COUNT(*) FROM dlv_deliveries").Should().Be(paid.Count, "one delivery per paid order");
    }

    public sealed record OrderRow(string CustomerId, string OrderId, string ItemId, string Status, string? PaymentId);

    public List<OrderRow> Orders() => Query("SELECT CustomerId, OrderId, ItemId, Status, PaymentId FROM ord_orders",
        r => new OrderRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));

    public long Undispatched() => Scalar("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL");

    public long Scalar(string sql) => Query(sql, r => r.GetInt64(0)).Single();

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        // Unpooled: the file must not stay open between the runs of the process.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "shop.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static async Task UntilAsync(Func<bool> condition, string what, int seconds = 300)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"not in {seconds} s: {what}");
            await Task.Delay(200);
        }
    }
}
