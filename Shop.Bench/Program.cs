using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Bench;

// Drives orders to DELIVERED over HTTP and prints one table (docs/performance.md).
//   dotnet run --project Shop.Bench -c Release -- --start [--orders 300] [--mode orchestrated|event-driven]
//       [--posters 16 [--in-flight 256] | --rate 100] [--timers 1000] [--preload 100000] [--synchronous normal|full]
//   dotnet run --project Shop.Bench -c Release -- http://127.0.0.1:5080 [--orders 200]
// SHOP_BENCH_WEB_DLL=/path/Shop.Web.dll runs another build of the server (e.g. a copy made before a change).
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var commitRate = SqliteCommitRate.Measure(TimeSpan.FromSeconds(3), options.Synchronous);

var server = options.Start ? await ShopServer.StartAsync(options.Orders + options.Warmup, options.Synchronous, options.Workers) : null;
try
{
    var baseAddress = server?.Address ?? options.Url;
    var http = Client(baseAddress);
    Console.WriteLine($"Shop at {baseAddress}{(server is null ? "" : $" (started by the bench, pid {server.ProcessId}, data in {server.DataFolder})")}");

    var driver = new OrderDriver(http, options.Mode, options.Posters, options.Rate, options.InFlight);
    if (options.Warmup > 0)
    {
        Console.WriteLine($"Warm-up: {options.Warmup} orders (not counted)");
        await driver.RunAsync(options.Warmup);
    }
    if (options.Preload > 0 && server is not null)
    {
        server.KeepData();
        server.Dispose();
        var stored = Preload.Run(server.DatabasePath, options.Preload);
        Console.WriteLine($"Preloaded: {stored} stored executions");
        server = await ShopServer.StartAsync(options.Orders + options.Warmup, options.Synchronous, options.Workers, server.DataFolder);
        http.Dispose();
        http = Client(server.Address);
        driver = new OrderDriver(http, options.Mode, options.Posters, options.Rate, options.InFlight);
    }

    var timers = options.Timers > 0 ? new TimerLoad(http, options.Timers) : null;
    if (timers is not null)
    {
        timers.Start();
        // Let the timer load reach its level before the clock starts.
        await Task.Delay(TimeSpan.FromSeconds(4));
    }
    var load = options.Rate > 0 ? $"open loop, {options.Rate.ToString(CultureInfo.InvariantCulture)} orders/s offered" : $"{options.Posters} concurrent posters, at most {options.InFlight} orders in flight";
    Console.WriteLine($"Measuring: {options.Orders} {options.Mode} orders, {load}{(timers is null ? "" : $", {options.Timers} timers waiting")}");
    var before = await CountsAsync(http);
    var cpuBefore = server?.CpuTime();
    var run = await driver.RunAsync(options.Orders);
    var cpuAfter = server?.CpuTime();
    var after = await CountsAsync(http);
    var loadAverage = LoadAverage();
    var timerResult = timers is null ? default : await timers.StopAsync();

    var seconds = run.Elapsed.TotalSeconds;
    var entered = options.Mode == OrderMode.Orchestrated ? await driver.StatesEnteredAsync(run.Outcomes) : 0;
    var units = after.UnitsOfWork - before.UnitsOfWork;
    var commits = after.Commits - before.Commits;
    var table = new List<(string Measure, string Value)>
    {
        ("command", $"Shop.Bench {string.Join(' ', args)}"),
        ("orders", $"{run.Outcomes.Count} {options.Mode} ({run.Delivered} DELIVERED, {run.Outcomes.Count - run.Delivered} other), {load}"),
        ("orders/s to DELIVERED", F(run.Delivered / seconds)),
        ("workflow transitions/s (states entered)", options.Mode == OrderMode.Orchestrated ? F(entered / seconds) : "n/a (no workflow)"),
        ("POST /order latency p50 / p99", $"{Ms(Percentile(run.PostLatencies, 50))} / {Ms(Percentile(run.PostLatencies, 99))}"),
        ("order completion (placed → DELIVERED) p50 / p99", $"{Ms(Percentile(run.Completions, 50))} / {Ms(Percentile(run.Completions, 99))}"),
        ("shop transactions/s (units of work) / SQLite commits/s", $"{F(units / seconds)} / {F(commits / seconds)} ({F(units / Math.Max(1.0, commits))} per commit, {after.RolledBack - before.RolledBack} rolled back alone)"),
        ($"raw SQLite commits/s (WAL, synchronous={options.Synchronous.ToUpperInvariant()}, same machine)", F(commitRate)),
        ("shop transactions/s ÷ raw SQLite commits/s", $"{(units / seconds / commitRate * 100).ToString("0.0", CultureInfo.InvariantCulture)} %"),
        ("timers (Bench.Timer, 1-5 s waits) lateness p50 / p99", timers is null ? "n/a (no --timers)"
            : $"{Ms(Percentile(timerResult.Lateness, 50))} / {Ms(Percentile(timerResult.Lateness, 99))} ({timers.Started} started, {timerResult.Lateness.Count} measured, {timerResult.NotFired} not fired in time)"),
        // CPU per unit of work holds up on a busy machine, where rates do not: compare builds by it there.
        ("server CPU per unit of work / per order", cpuBefore is { } c0 && cpuAfter is { } c1 && units > 0
            ? $"{((c1 - c0).TotalMilliseconds / units).ToString("0.00", CultureInfo.InvariantCulture)} ms / {((c1 - c0).TotalMilliseconds / Math.Max(1, run.Outcomes.Count)).ToString("0.0", CultureInfo.InvariantCulture)} ms"
            : "n/a (the bench did not start the server)"),
        ("server peak memory (VmHWM)", server?.PeakMemory() ?? "n/a (the bench did not start the server)"),
        ("machine", $"{Environment.ProcessorCount} cores, load average {loadAverage} (at the end of the run)"),
    };
    Console.WriteLine();
    Console.WriteLine("| measure | value |");
    Console.WriteLine("|---|---|");
    foreach (var (measure, value) in table) Console.WriteLine($"| {measure} | {value} |");
    http.Dispose();
    return 0;
}
finally
{
    server?.Dispose();
}

// A client of 64 connections, as a service's HTTP client pool would be: without a bound, thousands of orders polled
// at once opened a connection each, and the server's memory measured the bench's connections.
static HttpClient Client(Uri baseAddress) =>
    new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

static async Task<Counts> CountsAsync(HttpClient http)
{
    var body = (await http.GetFromJsonAsync<JsonObject>("/admin/database"))!;
    return new Counts((long)body["unitsOfWork"]!, (long)body["rolledBack"]!, (long)body["commits"]!);
}

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

internal sealed record Counts(long UnitsOfWork, long RolledBack, long Commits);
