using Xunit.Abstractions;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Crash;

/// <summary>
/// Issue 13, graceful stop: SIGTERM with 100 orders in flight (50 of each mode). The process exits cleanly (exit code
/// 0, no error or critical line logged), leaves no step half-done, and the restart takes every order to its end.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "shop-stop", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Given_100_orders_in_flight_When_the_host_gets_SIGTERM_Then_it_exits_cleanly_and_the_restart_ends_every_order()
    {
        Directory.CreateDirectory(_data);
        var load = new OrderLoad(_data);
        using (var shop = await ShopServer.StartAsync(OrderLoad.Settings, _data, requestTimeout: TimeSpan.FromSeconds(10)))
        {
            await load.PlaceAsync(shop.Client, count: 50, parallel: 8, seed: 1);
            var running = load.Scalar("SELECT COUNT(*) FROM wf_executions WHERE Status = 'RUNNING'");
            var undispatched = load.Undispatched();
            output.WriteLine($"{load.Accepted.Count} orders accepted; at SIGTERM {running} executions running, {undispatched} events undelivered");
            (running + undispatched).Should().BePositive("the stop must find work in flight");

            var took = await shop.TerminateAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"exited with {shop.ExitCode} in {took.TotalSeconds:F2} s");
            shop.ExitCode.Should().Be(0, string.Join('\n', shop.OutputLines.TakeLast(40)));
            shop.OutputLines.Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                .Should().BeEmpty("a graceful stop logs no error:\n" + string.Join('\n', shop.OutputLines.TakeLast(60)));
        }
        load.Accepted.Should().HaveCount(100);

        using (var shop = await ShopServer.StartAsync(OrderLoad.Settings, _data, requestTimeout: TimeSpan.FromSeconds(10)))
        {
            await load.CompleteAsync(shop.Client, seed: 1);
            shop.OutputLines.Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                .Should().BeEmpty();
        }
        load.CheckInvariants();
    }
}
