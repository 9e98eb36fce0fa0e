using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Shop.Tests.Crash;

/// <summary>
/// Issue 13's crash figure: kill -9 at random moments with orders of both modes in flight and drinks waiting on
/// heartbeats. Half the drinks get heartbeats and must still be waiting at the end (their heartbeat deadline moved
/// and survived every kill); the other half get none and must time out (their timer fired although the process died
/// many times). Then every order ends and every invariant of <see cref="OrderLoad"/> holds.
/// The suite runs a small version; <c>CRASH_KILLS=50 CRASH_ORDERS=100 CRASH_DRINKS=20</c> runs the issue's figure.
/// </summary>
public sealed class CrashFigureTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Kills = Setting("CRASH_KILLS", 4);
    private static readonly int OrdersPerMode = Setting("CRASH_ORDERS", 20);
    private static readonly int Drinks = Setting("CRASH_DRINKS", 4);

    // 900 s heartbeat × 0.2 = 180 s: long enough to outlive a restart on a busy machine, short enough to fire during the run.
    private static readonly Dictionary<string, string> Settings = new(OrderLoad.Settings)
    {
        ["Workflows__TimeScale"] = "0.2",
        ["Orders__DeliveryTimeout"] = "1000000",
        ["Coffee__BaristaCapacity"] = "1000",
    };

    private readonly string _data = Path.Combine(Path.GetTempPath(), "shop-crash", Guid.NewGuid().ToString("N"));
    private readonly int _seed = Environment.TickCount;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Given_orders_of_both_modes_and_drinks_on_heartbeats_When_killed_at_random_moments_Then_every_invariant_holds_and_no_timer_is_lost()
    {
        output.WriteLine($"seed {_seed}: {Kills} kills, {OrdersPerMode} orders of each mode, {Drinks} drinks");
        Directory.CreateDirectory(_data);
        var clock = Stopwatch.StartNew();
        var random = new Random(_seed);
        var load = new OrderLoad(_data);
        var beating = Enumerable.Range(0, Drinks / 2).Select(i => $"beat-{i}").ToList();
        var silent = Enumerable.Range(0, Drinks - beating.Count).Select(i => $"silent-{i}").ToList();
        var placedDrinks = new HashSet<string>();
        var lastBeat = DateTime.UtcNow;
        var killsInFlight = 0;
        var perKill = Math.Max(1, (int)Math.Ceiling(OrdersPerMode / (double)Math.Max(1, Kills)));

        for (var kill = 0; kill < Kills; kill++)
        {
            using var shop = await ShopServer.StartAsync(Settings, _data, requestTimeout: TimeSpan.FromSeconds(10));
            (DateTime.UtcNow - lastBeat).Should().BeLessThan(TimeSpan.FromSeconds(150), "a restart must not outlast the heartbeat window");
            await BeatAsync(shop.Client, beating.Where(placedDrinks.Contains));
            lastBeat = DateTime.UtcNow;
            foreach (var orderId in beating.Concat(silent).Where(d => !placedDrinks.Contains(d)).Take(Math.Max(2, Drinks / Math.Max(1, Kills) + 1)))
                if (await TryPlaceDrinkAsync(shop.Client, orderId)) placedDrinks.Add(orderId);

            using var stop = new CancellationTokenSource();
            var before = load.Accepted.Count;
            var batch = Math.Min(perKill, OrdersPerMode - before / 2);
            var placing = load.PlaceAsync(shop.Client, batch, parallel: 4, seed: random.Next(), stop.Token);
            // The kill lands at a random point of the batch (after a random number of its orders of both modes were
            // accepted, then up to 0.3 s more), not after a random time: a fast machine ended a whole batch before it.
            var killAfter = before + random.Next(1, 2 * batch + 1);
            await Eventually.UntilAsync(() => load.Accepted.Count >= killAfter || placing.IsCompleted, "the batch is being placed", 120);
            await Task.Delay(random.Next(0, 300));
            // Then at the first moment work is in flight (an event not yet dispatched, an execution ready to step), for
            // at most 2 s: a shop that runs several steps in one unit of work empties its backlog between two orders.
            if (await InFlightWithinAsync(load, TimeSpan.FromSeconds(2))) killsInFlight++;
            shop.Kill();
            await stop.CancelAsync();
            await placing;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: kill {kill + 1}; {load.Accepted.Count} orders accepted, {placedDrinks.Count} drinks placed");
        }

        using (var shop = await ShopServer.StartAsync(Settings, _data, requestTimeout: TimeSpan.FromSeconds(10)))
        {
            await BeatAsync(shop.Client, beating.Where(placedDrinks.Contains));
            foreach (var orderId in beating.Concat(silent).Where(d => !placedDrinks.Contains(d)))
                (await TryPlaceDrinkAsync(shop.Client, orderId)).Should().BeTrue($"drink {orderId} is placed after the kills");
            var missing = OrdersPerMode - load.Accepted.Count / 2;
            if (missing > 0) await load.PlaceAsync(shop.Client, missing, parallel: 4, seed: random.Next());

            // The silent drinks time out on their own timer while the beating ones are kept alive.
            var until = DateTime.UtcNow.AddMinutes(10);
            while (true)
            {
                await BeatAsync(shop.Client, beating);
                var statuses = await Task.WhenAll(silent.Select(d => DrinkStatusAsync(shop.Client, d)));
                if (statuses.All(s => s == "timed_out")) break;
                DateTime.UtcNow.Should().BeBefore(until, $"every silent drink times out (now: {string.Join(", ", statuses)})");
                await Task.Delay(2000);
            }
            foreach (var drink in beating)
            {
                (await DrinkStatusAsync(shop.Client, drink)).Should().Be("waiting", $"{drink} got its heartbeats and must not time out");
                (await shop.Client.PostAsJsonAsync($"/coffee/orders/{drink}/complete", new { baristaId = "Julia" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
            }
            foreach (var drink in beating)
                for (var i = 0; i < 300 && await DrinkStatusAsync(shop.Client, drink) != "completed"; i++) await Task.Delay(200);

            await load.CompleteAsync(shop.Client, _seed);
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: {load.Orders().Count} orders: "
            + string.Join(", ", load.Orders().GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}")) + $"; {killsInFlight} kills with work in flight");
        killsInFlight.Should().BePositive("at least one kill must land with work in flight");
        load.Accepted.Count.Should().BeGreaterThanOrEqualTo(OrdersPerMode * 2);
        load.CheckInvariants();
        load.Query("SELECT OrderId, Status FROM coffee_drinks", r => (r.GetString(0), r.GetString(1)))
            .Should().BeEquivalentTo(beating.Select(d => (d, "completed")).Concat(silent.Select(d => (d, "timed_out"))));
        load.Scalar("SELECT COUNT(*) FROM wf_executions WHERE Workflow = 'Coffee.OrderProcessing'").Should().Be(Drinks, "one execution per drink");
    }

    private static async Task<bool> InFlightWithinAsync(OrderLoad load, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (load.Undispatched() + load.Scalar("SELECT COUNT(*) FROM wf_executions WHERE Status = 'RUNNING' AND Waiting IS NULL") == 0)
        {
            if (watch.Elapsed > limit) return false;
            await Task.Delay(2);
        }
        return true;
    }

    private static async Task<bool> TryPlaceDrinkAsync(HttpClient client, string orderId)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/coffee/orders", new { orderId, userId = "crash", drink = "Espresso" });
            return response.StatusCode == HttpStatusCode.Accepted;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task BeatAsync(HttpClient client, IEnumerable<string> drinks)
    {
        foreach (var drink in drinks)
        {
            // Not waiting yet (still being received after a restart) is fine: its heartbeat window starts when it waits.
            using var response = await client.PostAsync(new Uri($"/coffee/orders/{drink}/heartbeat", UriKind.Relative), content: null);
            ((int)response.StatusCode).Should().BeOneOf([200, 202, 409], $"heartbeat of {drink}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<string> DrinkStatusAsync(HttpClient client, string orderId) =>
        (string)(await client.GetFromJsonAsync<JsonObject>($"/coffee/orders/{orderId}"))!["status"]!;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
