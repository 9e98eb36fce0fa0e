using System.Net;
using System.Text;
using OpenTelemetry.Metrics;
using Shop.Modules.Kernel.Telemetry;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Observability;

/// <summary>
/// The Shop meter read through the in-memory exporter: executions started and ended by status, step duration, timer
/// lateness, the dispatcher's backlog and dead deliveries, and ASP.NET Core's HTTP metrics. The meter is static, so the
/// workflows here have names of their own: other tests' executions in this process count under theirs.
/// </summary>
public sealed class EngineMetricsTests
{
    [Fact]
    public async Task Given_metrics_When_executions_start_and_end_Then_the_counters_by_workflow_and_status_and_the_histograms_count_them()
    {
        var metrics = new Captured<MetricSnapshot>();
        using var app = new ShopApp().WithMetrics(metrics);
        var client = app.CreateClient();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var napping = $"Metrics-Nap-{unique}";
        var failing = $"Metrics-Fail-{unique}";
        await PutAsync(client, napping, """{"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":0,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}""");
        await PutAsync(client, failing, """{"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Metrics.Boom","Cause":"on purpose"}}}""");

        var naps = new List<string>();
        for (var i = 0; i < 3; i++) naps.Add(await client.StartAsync(napping));
        var fails = new List<string>();
        for (var i = 0; i < 2; i++) fails.Add(await client.StartAsync(failing));
        foreach (var id in naps) await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        foreach (var id in fails) await client.WaitForStatusAsync(id, ExecutionStatus.Failed);

        // The counts are added once their unit of work has committed, which may be just after the status shows.
        var seen = await Eventually.UntilAsync(() => Task.FromResult(app.Collect(metrics)),
            m => Sum(m, "shop.workflow.executions.ended", napping, ExecutionStatus.Succeeded) == 3 && Sum(m, "shop.workflow.executions.ended", failing, ExecutionStatus.Failed) == 2,
            m => $"ended: {Sum(m, "shop.workflow.executions.ended", napping, ExecutionStatus.Succeeded)} of {napping}, {Sum(m, "shop.workflow.executions.ended", failing, ExecutionStatus.Failed)} of {failing}");

        Sum(seen, "shop.workflow.executions.started", napping).Should().Be(3);
        Sum(seen, "shop.workflow.executions.started", failing).Should().Be(2);
        Sum(seen, "shop.workflow.executions.ended", napping, ExecutionStatus.Failed).Should().Be(0);
        seen["shop.workflow.executions.started"].Unit.Should().Be("{execution}");

        var steps = seen["shop.workflow.step.duration"];
        steps.Unit.Should().Be("s");
        steps.MetricType.Should().Be(MetricType.Histogram);
        HistogramCount(steps, (ShopTags.Workflow, napping), (ShopTags.State, "Done")).Should().Be(3, "the Pass state ran once per execution");
        HistogramCount(steps, (ShopTags.Workflow, failing), (ShopTags.State, "Boom")).Should().Be(2);

        var lateness = seen["shop.workflow.timer.lateness"];
        lateness.Unit.Should().Be("s");
        HistogramCount(lateness, (ShopTags.TimerKind, "Wait")).Should().BeGreaterThanOrEqualTo(3, "each Nap's deadline fired");

        seen["shop.events.backlog"].MetricType.Should().Be(MetricType.LongGauge);
        seen["shop.events.backlog"].MetricPoints.Select(p => TelemetryCapture.TagValue(p, ShopTags.DeliveryState))
            .Should().BeEquivalentTo(["undispatched", "retrying"]);
        seen.Should().ContainKey("shop.events.deliveries.dead");
        seen.Should().ContainKey("http.server.request.duration", "ASP.NET Core's HTTP server metrics are read too");
    }

    private static async Task PutAsync(HttpClient client, string name, string asl)
    {
        var response = await client.PutAsync(new Uri($"/workflows/{name}", UriKind.Relative), new StringContent(asl, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static long Sum(Dictionary<string, MetricSnapshot> metrics, string name, string workflow, string? status = null) =>
        !metrics.TryGetValue(name, out var metric) ? 0
        : status is null ? metric.Sum((ShopTags.Workflow, workflow))
        : metric.Sum((ShopTags.Workflow, workflow), (ShopTags.ExecutionStatus, status));

    private static long HistogramCount(MetricSnapshot metric, params (string Key, string Value)[] tags) =>
        metric.MetricPoints.Where(p => TelemetryCapture.HasTags(p, tags)).Sum(p => p.GetHistogramCount());
}
