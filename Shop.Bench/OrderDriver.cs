using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Shop.Bench;

internal sealed record PlacedOrder(string CustomerId, string OrderId, string? ExecutionId, TimeSpan PostLatency);

internal sealed record OrderOutcome(PlacedOrder Order, bool Delivered, TimeSpan? Completion);

internal sealed record BenchRun(IReadOnlyList<OrderOutcome> Outcomes, TimeSpan Elapsed)
{
    public int Delivered => Outcomes.Count(o => o.Delivered);

    public IReadOnlyList<TimeSpan> PostLatencies => [.. Outcomes.Select(o => o.Order.PostLatency)];

    public IReadOnlyList<TimeSpan> Completions => [.. Outcomes.Where(o => o.Completion is not null).Select(o => o.Completion!.Value)];
}

/// <summary>
/// Places orders for item-3 and takes each one to DELIVERED: /delivery/delivered is called once the order waits
/// for its delivery, and the order is done when it has ended. Orchestrated orders are followed by one loop that
/// lists the running executions (pages of 50) every 100 ms; event-driven orders have no such list, so each is
/// polled (GET /order/describe) every 500 ms, at most 8 reads at once. Orders are offered either open-loop (a fixed rate, whatever the
/// answers) or closed-loop (N posters, each posting when its previous answer came, while fewer than the in-flight
/// bound of orders are placed and not yet ended). The clock runs from the first post to the last order's end.
/// </summary>
internal sealed class OrderDriver(HttpClient http, OrderMode mode, int posters, double rate, int inFlight)
{
    private const string ItemId = "item-3";
    private const string Workflow = "Orders.PlaceOrder";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ListPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(10);
    private static readonly string[] Customers = ["customer-1", "customer-2", "customer-3"];

    // Event-driven orders are polled one by one: at most this many reads at once (as the orchestrated loop's 8), so
    // thousands of waiting orders do not turn the bench into a flood of reads competing with the orders themselves.
    private static readonly SemaphoreSlim Reads = new(8);

    public async Task<BenchRun> RunAsync(int count)
    {
        (await http.PostAsync(new Uri("/admin/reload", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var stock = (int)(await http.GetFromJsonAsync<JsonObject>($"/inventory/describe/{ItemId}"))!["available"]!;
        if (stock < count) throw new InvalidOperationException($"{ItemId} has {stock} in stock after a reload, fewer than {count} orders (use --start).");

        var lives = new List<Task<OrderOutcome>>(count);
        _pending.Clear();
        using var stop = new CancellationTokenSource();
        var tracker = mode == OrderMode.Orchestrated ? Task.Run(() => TrackAsync(stop.Token)) : Task.CompletedTask;
        var watch = Stopwatch.StartNew();
        if (rate > 0)
        {
            // Open loop: order i is offered at i / rate seconds, whether or not earlier ones were answered.
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate);
                if (due > watch.Elapsed) await Task.Delay(due - watch.Elapsed);
                var index = i;
                lives.Add(Task.Run(async () => await FollowAsync(await PlaceAsync(index))));
            }
        }
        else
        {
            // Closed loop, as users who wait for their orders: without the bound, posters that outrun the steps leave
            // thousands of orders running, and the bench's reads of them (the list, the polls) grow with that backlog.
            var next = -1;
            var slots = new SemaphoreSlim(inFlight); // not disposed: orders still release it after the posters are done
            await Task.WhenAll(Enumerable.Range(0, Math.Min(posters, count)).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    await slots.WaitAsync();
                    var placed = await PlaceAsync(i);
                    lock (lives) lives.Add(Task.Run(async () =>
                    {
                        try
                        {
                            return await FollowAsync(placed);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }));
                }
            }));
        }
        var outcomes = await Task.WhenAll(lives);
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await tracker;
        return new BenchRun(outcomes, elapsed);
    }

    private async Task<PlacedOrder> PlaceAsync(int index)
    {
        var customerId = Customers[index % Customers.Length];
        var watch = Stopwatch.StartNew();
        using var response = mode == OrderMode.Orchestrated
            ? await http.PostAsJsonAsync("/order", new { customerId, itemId = ItemId })
            : await http.GetAsync(new Uri($"/order/create/{customerId}/{ItemId}", UriKind.Relative));
        var latency = watch.Elapsed;
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new PlacedOrder(customerId, (string)body["orderId"]!, (string?)body["executionId"], latency);
    }

    private readonly Dictionary<string, Pending> _pending = [];

    private sealed record Pending(PlacedOrder Order, TaskCompletionSource<OrderOutcome> Done)
    {
        public bool Delivered { get; set; }

        public DateTime Since { get; } = DateTime.UtcNow;
    }

    private Task<OrderOutcome> FollowAsync(PlacedOrder order)
    {
        if (mode == OrderMode.EventDriven) return PollAsync(order);
        var pending = new Pending(order, new TaskCompletionSource<OrderOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_pending) _pending.Add(order.OrderId, pending);
        return pending.Done.Task;
    }

    /// <summary>One loop for all orchestrated orders: delivers those waiting, settles those no longer running.</summary>
    private async Task TrackAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var listedAt = DateTime.UtcNow;
            var running = new Dictionary<string, string?>();
            for (var page = 1; ; page++)
            {
                var body = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions?workflow={Workflow}&status=RUNNING&page={page}", CancellationToken.None))!;
                foreach (var e in body["executions"]!.AsArray()) running[(string)e!["name"]!] = (string?)e["currentState"];
                if (!(bool)body["hasMore"]!) break;
            }
            List<Pending> ours;
            lock (_pending) ours = [.. _pending.Values.Where(p => p.Since < listedAt)];
            await Parallel.ForEachAsync(ours, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, ct) =>
            {
                if (DateTime.UtcNow - p.Since > GiveUp)
                {
                    lock (_pending) _pending.Remove(p.Order.OrderId);
                    p.Done.TrySetResult(new OrderOutcome(p.Order, false, null));
                    return;
                }
                if (running.TryGetValue(p.Order.OrderId, out var state))
                {
                    if (state != "Wait For Delivery" || p.Delivered) return;
                    using var response = await http.GetAsync(new Uri($"/delivery/delivered/{p.Order.CustomerId}/{Uri.EscapeDataString(p.Order.OrderId)}", UriKind.Relative), ct);
                    response.EnsureSuccessStatusCode();
                    p.Delivered = true;
                    return;
                }
                // Not listed as running: it ended (or a page shifted under the list; then it is still running).
                var (ended, _, outcome) = await ReadExecutionAsync(p.Order);
                if (!ended) return;
                lock (_pending) _pending.Remove(p.Order.OrderId);
                p.Done.TrySetResult(outcome!);
            });
            try
            {
                await Task.Delay(ListPoll, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task<OrderOutcome> PollAsync(PlacedOrder order)
    {
        var delivered = false;
        var until = Stopwatch.StartNew();
        while (until.Elapsed < GiveUp)
        {
            await Task.Delay(Poll);
            await Reads.WaitAsync();
            (bool Ended, bool Waiting, OrderOutcome? Outcome) read;
            try
            {
                read = mode == OrderMode.Orchestrated ? await ReadExecutionAsync(order) : await ReadOrderAsync(order);
            }
            finally
            {
                Reads.Release();
            }
            var (ended, waiting, outcome) = read;
            if (ended) return outcome!;
            if (waiting && !delivered)
            {
                using var response = await http.GetAsync(new Uri($"/delivery/delivered/{order.CustomerId}/{Uri.EscapeDataString(order.OrderId)}", UriKind.Relative));
                response.EnsureSuccessStatusCode();
                delivered = true;
            }
        }
        return new OrderOutcome(order, false, null);
    }

    private async Task<(bool Ended, bool Waiting, OrderOutcome? Outcome)> ReadExecutionAsync(PlacedOrder order)
    {
        var execution = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions/{order.ExecutionId}"))!;
        if ((string?)execution["status"] == "RUNNING") return (false, (string?)execution["currentState"] == "Wait For Delivery", null);
        var ok = (string?)execution["output"]?["deliveryResult"]?["outcome"] == "DELIVERED";
        return (true, false, new OrderOutcome(order, ok, ok ? Time(execution["stopDate"]) - Time(execution["startDate"]) : null));
    }

    private async Task<(bool Ended, bool Waiting, OrderOutcome? Outcome)> ReadOrderAsync(PlacedOrder order)
    {
        var dto = (await http.GetFromJsonAsync<JsonObject>($"/order/describe/{order.CustomerId}/{Uri.EscapeDataString(order.OrderId)}"))!;
        var status = (string?)dto["status"];
        return status switch
        {
            "DELIVERED" => (true, false, new OrderOutcome(order, true, Time(dto["updatedAt"]) - Time(dto["createdAt"]))),
            "DELIVERING" => (false, true, null),
            "CREATED" or "PAID" => (false, false, null),
            _ => (true, false, new OrderOutcome(order, false, null)),
        };
    }

    /// <summary>States entered by the orchestrated orders (read after the clock stopped).</summary>
    public async Task<int> StatesEnteredAsync(IEnumerable<OrderOutcome> outcomes)
    {
        var entered = 0;
        await Parallel.ForEachAsync(outcomes.Where(o => o.Order.ExecutionId is not null), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (o, ct) =>
        {
            var history = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions/{o.Order.ExecutionId}/history", ct))!["events"]!.AsArray();
            Interlocked.Add(ref entered, history.Count(e => ((string)e!["type"]!).EndsWith("StateEntered", StringComparison.Ordinal)));
        });
        return entered;
    }

    internal static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
