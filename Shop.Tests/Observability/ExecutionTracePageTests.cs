using System.Diagnostics;
using Shop.Modules.Kernel.Telemetry;
using Shop.Tests.Infrastructure;
using Shop.Tests.Orders.Orchestrated;

namespace Shop.Tests.Observability;

/// <summary>The console's execution page shows the execution's trace id, as a link when <c>Telemetry:TraceUrl</c> names a trace viewer.</summary>
public sealed class ExecutionTracePageTests
{
    private const string Jaeger = "http://localhost:16686/trace/{traceId}";

    [Fact]
    public async Task Given_a_trace_url_template_When_a_traced_order_s_execution_page_opens_Then_its_trace_id_links_to_the_viewer()
    {
        var spans = new Captured<Activity>();
        using var shop = new OrchestratedOrderDriver(app => app.WithTracing(spans).With("Telemetry:TraceUrl", Jaeger));
        var order = await shop.PlaceAsync();
        var traceId = await TraceIdAsync(shop, order.ExecutionId);
        // The page shows the trace the steps are in (a step's span is exported once it has ended).
        await Eventually.UntilAsync(() => spans.Snapshot().Any(s => s.IsShop() && s.Tag(ShopTags.ExecutionId) == order.ExecutionId && s.TraceId.ToHexString() == traceId),
            $"no step span of {order.ExecutionId} in trace {traceId}");

        var html = await shop.Client.GetStringAsync(new Uri($"/admin/executions/{order.ExecutionId}", UriKind.Relative));

        html.Should().Contain($"<a href=\"http://localhost:16686/trace/{traceId}\" target=\"_blank\" rel=\"noopener\"><code>{traceId}</code></a>");
    }

    [Theory]
    [InlineData("")]
    [InlineData("javascript:alert('{traceId}')")]
    public async Task Given_no_usable_trace_url_When_a_traced_order_s_execution_page_opens_Then_the_trace_id_shows_without_a_link(string template)
    {
        using var shop = new OrchestratedOrderDriver(app => app.WithTracing(new Captured<Activity>()).With("Telemetry:TraceUrl", template));
        var order = await shop.PlaceAsync();
        var traceId = await TraceIdAsync(shop, order.ExecutionId);

        var html = await shop.Client.GetStringAsync(new Uri($"/admin/executions/{order.ExecutionId}", UriKind.Relative));

        html.Should().Contain($"<code>{traceId}</code>").And.NotContain("/trace/").And.NotContain("javascript:");
    }

    /// <summary>The trace id the execution stored (describe's <c>traceId</c>): 32 hex digits.</summary>
    private static async Task<string> TraceIdAsync(OrchestratedOrderDriver shop, string executionId)
    {
        var description = await shop.GetAsync($"/workflows/executions/{executionId}");
        var traceId = description.Text("traceId");
        traceId.Should().MatchRegex("^[0-9a-f]{32}$");
        return traceId;
    }
}
