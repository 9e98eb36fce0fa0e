using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Bench;

// Drives N orchestrated orders (POST /order) to DELIVERED over HTTP and prints one table.
//   dotnet run --project Shop.Bench -c Release -- --start [--orders 200] [--posters 16]
//   dotnet run --project Shop.Bench -c Release -- http://127.0.0.1:5080 [--orders 200]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Shop.Bench [url | --start] [--orders N] [--posters N] [--warmup N]");
    return 2;
}

var commitRate = SqliteCommitRate.Measure(TimeSpan.FromSeconds(3));

using var server = options.Start ? await ShopServer.StartAsync(options.Orders + options.Warmup) : null;
var baseAddress = server?.Address ?? options.Url;
using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
Console.WriteLine($"Shop at {baseAddress}{(server is null ? "" : $" (started by the bench, pid {server.ProcessId}, data in {server.DataFolder})")}");

var driver = new OrderDriver(http, options.Posters);
if (options.Warmup > 0)
{
    Console.WriteLine($"Warm-up: {options.Warmup} orders (not counted)");
    await driver.RunAsync(options.Warmup);
}
Console.WriteLine($"Measuring: {options.Orders} orders, {options.Posters} concurrent posters");
var run = await driver.RunAsync(options.Orders);

var table = new List<(string Measure, string Value)>
{
    ("orders", $"{run.Orders.Count} ({run.Delivered} DELIVERED, {run.Orders.Count - run.Delivered} other)"),
    ("batches (stock reloads)", run.Batches.ToString(CultureInfo.InvariantCulture)),
    ("orders/s to DELIVERED", F(run.Delivered / run.Elapsed.TotalSeconds)),
    ("workflow transitions/s (states entered)", F(run.StatesEntered / run.Elapsed.TotalSeconds)),
    ("history events/s", F(run.HistoryEvents / run.Elapsed.TotalSeconds)),
    ("POST /order latency p50 / p99", $"{Ms(Percentile(run.PostLatencies, 50))} / {Ms(Percentile(run.PostLatencies, 99))}"),
    ("order completion (start → DELIVERED) p50 / p99", $"{Ms(Percentile(run.Completions, 50))} / {Ms(Percentile(run.Completions, 99))}"),
    ("server peak memory (VmHWM)", server?.PeakMemory() ?? "n/a (the bench did not start the server)"),
    ("raw SQLite commits/s (WAL, synchronous=NORMAL)", F(commitRate)),
    ("machine", $"{Environment.ProcessorCount} cores, load average {LoadAverage()}"),
};
Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
foreach (var (measure, value) in table) Console.WriteLine($"| {measure} | {value} |");
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

static string Ms(TimeSpan value) => $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double percent)
{
    if (values.Count == 0) return TimeSpan.Zero;
    var sorted = values.Order().ToArray();
    // Nearest rank.
    var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
    return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
}

namespace Shop.Bench
{
    internal sealed record BenchOptions(Uri Url, bool Start, int Orders, int Posters, int Warmup)
    {
        public static BenchOptions? Parse(string[] args)
        {
            var options = new BenchOptions(new Uri("http://127.0.0.1:5080"), false, 200, 16, 20);
            for (var i = 0; i < args.Length; i++)
            {
                int Number() => i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : -1;
                switch (args[i])
                {
                    case "--start": options = options with { Start = true }; break;
                    case "--orders": options = options with { Orders = Number() }; break;
                    case "--posters": options = options with { Posters = Number() }; break;
                    case "--warmup": options = options with { Warmup = Number() }; break;
                    case var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                        options = options with { Url = uri };
                        break;
                    default: return null;
                }
            }
            return options.Orders < 1 || options.Posters < 1 || options.Warmup < 0 ? null : options;
        }
    }

    internal sealed record BenchRun(
        IReadOnlyList<PlacedOrder> Orders, int Delivered, int Batches, TimeSpan Elapsed, int StatesEntered, int HistoryEvents,
        IReadOnlyList<TimeSpan> PostLatencies, IReadOnlyList<TimeSpan> Completions);

    internal sealed record PlacedOrder(string CustomerId, string OrderId, string ExecutionId);

    /// <summary>
    /// Places orders for item-3 in batches of at most its available stock (reloading the sample data before each
    /// batch), calls /delivery/delivered for every order waiting for its delivery, and waits for the batch to end.
    /// </summary>
    internal sealed class OrderDriver(HttpClient http, int posters)
    {
        private const string Workflow = "Orders.PlaceOrder";
        private const string ItemId = "item-3";
        private static readonly string[] Customers = ["customer-1", "customer-2", "customer-3"];

        public async Task<BenchRun> RunAsync(int count)
        {
            var orders = new List<PlacedOrder>();
            var posts = new List<TimeSpan>();
            var elapsed = TimeSpan.Zero;
            var batches = 0;
            while (orders.Count < count)
            {
                (await http.PostAsync(new Uri("/admin/reload", UriKind.Relative), null)).EnsureSuccessStatusCode();
                var stock = (int)(await http.GetFromJsonAsync<JsonObject>($"/inventory/describe/{ItemId}"))!["available"]!;
                if (stock == 0) throw new InvalidOperationException($"{ItemId} has no stock after a reload.");
                var size = Math.Min(stock, count - orders.Count);

                var started = Stopwatch.StartNew();
                var batch = await PlaceAsync(size, orders.Count, posts);
                await DeliverAllAsync(batch);
                elapsed += started.Elapsed;
                orders.AddRange(batch);
                batches++;
            }

            // Read back after the clock stopped: server-side start and stop times, and history sizes.
            var completions = new List<TimeSpan>();
            int delivered = 0, entered = 0, events = 0;
            foreach (var order in orders)
            {
                var execution = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions/{order.ExecutionId}"))!;
                var history = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions/{order.ExecutionId}/history"))!["events"]!.AsArray();
                events += history.Count;
                entered += history.Count(e => ((string)e!["type"]!).EndsWith("StateEntered", StringComparison.Ordinal));
                if ((string?)execution["output"]?["deliveryResult"]?["outcome"] != "DELIVERED") continue;
                delivered++;
                completions.Add(Time(execution["stopDate"]) - Time(execution["startDate"]));
            }
            return new BenchRun(orders, delivered, batches, elapsed, entered, events, posts, completions);
        }

        private async Task<List<PlacedOrder>> PlaceAsync(int size, int offset, List<TimeSpan> latencies)
        {
            var placed = new PlacedOrder[size];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Math.Min(posters, size)).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < size; i = Interlocked.Increment(ref next))
                {
                    var customerId = Customers[(offset + i) % Customers.Length];
                    var watch = Stopwatch.StartNew();
                    using var response = await http.PostAsJsonAsync("/order", new { customerId, itemId = ItemId });
                    var latency = watch.Elapsed;
                    response.EnsureSuccessStatusCode();
                    var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    placed[i] = new PlacedOrder(customerId, (string)body["orderId"]!, (string)body["executionId"]!);
                    lock (latencies) latencies.Add(latency);
                }
            }));
            return [.. placed];
        }

        /// <summary>Polls the running executions; each one waiting for its delivery gets its /delivery/delivered call.</summary>
        private async Task DeliverAllAsync(List<PlacedOrder> batch)
        {
            var byName = batch.ToDictionary(o => o.OrderId);
            var delivered = new HashSet<string>();
            for (var empty = 0; empty < 2;)
            {
                var running = await RunningAsync();
                var ours = running.Where(e => byName.ContainsKey(e.Name)).ToList();
                // Twice in a row: a page may shift while an execution ends between two page reads.
                empty = ours.Count == 0 ? empty + 1 : 0;
                var waiting = ours.Where(e => e.State == "Wait For Delivery" && delivered.Add(e.Name)).Select(e => byName[e.Name]).ToList();
                await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = posters }, async (order, ct) =>
                {
                    using var response = await http.GetAsync(new Uri($"/delivery/delivered/{order.CustomerId}/{Uri.EscapeDataString(order.OrderId)}", UriKind.Relative), ct);
                    response.EnsureSuccessStatusCode();
                });
                // Every poll lists the running executions: often enough to react, seldom enough not to be the load.
                if (waiting.Count == 0) await Task.Delay(100);
            }
        }

        private async Task<List<(string Name, string? State)>> RunningAsync()
        {
            var running = new List<(string, string?)>();
            for (var page = 1; ; page++)
            {
                var body = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions?workflow={Workflow}&status=RUNNING&page={page}"))!;
                running.AddRange(body["executions"]!.AsArray().Select(e => ((string)e!["name"]!, (string?)e["currentState"])));
                if (!(bool)body["hasMore"]!) return running;
            }
        }

        private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
    }
}
