using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Crash;

/// <summary>Invariants 1 and 3 under kill -9: every execution ends, and each step's effect is recorded exactly once.</summary>
public sealed class WorkflowCrashTests : IDisposable
{
    private const string Workflow = "Demo.Counter";
    private static readonly string[] Steps = ["Count One", "Count Two", "Count Three"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "shop-crash", Guid.NewGuid().ToString("N"));

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Workflows__Demo"] = "true",
        ["Workflows__TimeScale"] = "1",
        ["Workflows__Workers"] = "2",
    };

    [Fact]
    public async Task Given_executions_in_flight_When_the_host_is_SIGKILLed_repeatedly_Then_every_execution_succeeds_with_each_effect_once()
    {
        Directory.CreateDirectory(_data);
        var random = new Random();
        var names = new List<string>();
        var killsInFlight = 0;

        for (var round = 0; round < 6; round++)
        {
            using var shop = await ShopServer.StartAsync(Settings, _data, requestTimeout: TimeSpan.FromSeconds(10));
            using var stop = new CancellationTokenSource();
            var batch = Enumerable.Range(0, 25).Select(i => $"crash-{round}-{i}").ToList();
            names.AddRange(batch);
            var starting = StartAllAsync(shop.Client, batch, stop.Token);

            await Task.Delay(random.Next(200, 1200));
            // On a busy machine the starts may lag: give them a moment, so that the kill finds work in flight.
            for (var i = 0; i < 40 && await RunningAsync(shop.Client) == 0; i++) await Task.Delay(50);
            if (await RunningAsync(shop.Client) > 0) killsInFlight++;
            shop.Kill();
            await stop.CancelAsync();
            await starting;
        }

        using (var final = await ShopServer.StartAsync(Settings, _data, requestTimeout: TimeSpan.FromSeconds(10)))
        {
            // Some starts may have died with the host: starting by name again is idempotent.
            await StartAllAsync(final.Client, names, CancellationToken.None);
            var until = DateTime.UtcNow.AddSeconds(60);
            while (await RunningAsync(final.Client) > 0)
            {
                DateTime.UtcNow.Should().BeBefore(until, "every execution must finish after the last restart");
                await Task.Delay(200);
            }
            final.Kill();
        }

        killsInFlight.Should().BeGreaterThanOrEqualTo(5, "the host must have died with executions in flight");
        using var db = new SqliteConnection($"Data Source={Path.Combine(_data, "shop.db")};Pooling=False");
        db.Open();
        Query(db, $"SELECT Status, COUNT(*) FROM wf_executions WHERE Workflow = '{Workflow}' GROUP BY Status")
            .Should().Equal([("SUCCEEDED", (long)names.Count)]);
        Query(db, "SELECT ExecutionId || '/' || Step, COUNT(*) FROM wf_demo_effects GROUP BY ExecutionId, Step HAVING COUNT(*) <> 1")
            .Should().BeEmpty("no step's effect may be recorded twice");
        Query(db, "SELECT Step, COUNT(*) FROM wf_demo_effects GROUP BY Step ORDER BY Step")
            .Should().BeEquivalentTo(Steps.Select(s => (s, (long)names.Count)), "every step of every execution recorded its effect");
        Query(db, "SELECT 'open deadlines', COUNT(*) FROM wf_deadlines").Should().Equal([("open deadlines", 0L)]);
    }

    private static async Task StartAllAsync(HttpClient client, IEnumerable<string> names, CancellationToken stop)
    {
        foreach (var name in names)
        {
            if (stop.IsCancellationRequested) return;
            try
            {
                var response = await client.PostAsJsonAsync($"/workflows/{Workflow}/executions", new { name, input = new { name } }, CancellationToken.None);
                response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            }
            catch (HttpRequestException)
            {
                return; // the host was killed
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<int> RunningAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/workflows/executions?workflow={Workflow}&status=RUNNING");
        return page!["executions"]!.AsArray().Count;
    }

    private static List<(string, long)> Query(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
