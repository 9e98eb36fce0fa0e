using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Shop.Bench;

/// <summary>
/// Keeps N Bench.Timer executions waiting while the orders run: each of N slots starts an execution that waits
/// 1-5 s, and starts the next one when that wait is over. Lateness = when the Wait state was left, minus when
/// it was entered plus its seconds (read from each execution's history afterwards).
/// </summary>
internal sealed class TimerLoad(HttpClient http, int slots)
{
    private const string Workflow = "Bench.Timer";
    private readonly List<(string ExecutionId, double Seconds)> _started = [];
    private volatile bool _stopping;
    private Task? _running;

    public int Started => _started.Count;

    public void Start()
    {
        _running = Task.WhenAll(Enumerable.Range(0, slots).Select(slot => Task.Run(() => SlotAsync(slot))));
    }

    private async Task SlotAsync(int slot)
    {
        var random = new Random(slot);
        // Spread the first starts over 3 s so the load is steady, not a burst of N posts.
        await Task.Delay(TimeSpan.FromSeconds(3.0 * slot / slots));
        while (!_stopping)
        {
            var seconds = Math.Round(1 + random.NextDouble() * 4, 3);
            var input = new JsonObject { ["seconds"] = seconds }.ToJsonString();
            using var response = await http.PostAsJsonAsync($"/workflows/{Workflow}/executions", new { input });
            response.EnsureSuccessStatusCode();
            var executionId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
            lock (_started) _started.Add((executionId, seconds));
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
    }

    /// <summary>Stops starting timers, waits for the started ones (up to 30 s), and returns the lateness of a sample of them.</summary>
    public async Task<(List<TimeSpan> Lateness, int NotFired)> StopAsync()
    {
        _stopping = true;
        await _running!;
        var sample = _started.Where((_, i) => _started.Count <= 2000 || i % (_started.Count / 2000 + 1) == 0).ToList();
        var lateness = new List<TimeSpan>();
        var notFired = 0;
        var until = DateTime.UtcNow.AddSeconds(30);
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (timer, ct) =>
        {
            while (true)
            {
                var events = (await http.GetFromJsonAsync<JsonObject>($"/workflows/executions/{timer.ExecutionId}/history", ct))!["events"]!.AsArray();
                var entered = events.FirstOrDefault(e => (string?)e!["type"] == "WaitStateEntered");
                var exited = events.FirstOrDefault(e => (string?)e!["type"] == "WaitStateExited");
                if (entered is not null && exited is not null)
                {
                    var late = OrderDriver.Time(exited["timestamp"]) - OrderDriver.Time(entered["timestamp"]) - TimeSpan.FromSeconds(timer.Seconds);
                    lock (lateness) lateness.Add(late);
                    return;
                }
                if (DateTime.UtcNow > until)
                {
                    Interlocked.Increment(ref notFired);
                    return;
                }
                await Task.Delay(500, ct);
            }
        });
        return (lateness, notFired);
    }
}
