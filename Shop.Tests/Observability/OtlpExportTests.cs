using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.Tests.Infrastructure;
using Shop.Tests.Orders.Orchestrated;

namespace Shop.Tests.Observability;

/// <summary>
/// Export is OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and nothing otherwise: no SDK, so nothing listens to the
/// shop's source and meter. The export is checked against a real OTLP/HTTP receiver on loopback.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public void Given_no_OTEL_EXPORTER_OTLP_ENDPOINT_When_the_shop_starts_Then_no_tracer_or_meter_provider_and_so_no_OTLP_exporter_is_registered()
    {
        using var app = new ShopApp().With("OTEL_EXPORTER_OTLP_ENDPOINT", "");

        app.Services.GetService<TracerProvider>().Should().BeNull();
        app.Services.GetService<MeterProvider>().Should().BeNull();
    }

    [Fact]
    public async Task Given_OTEL_EXPORTER_OTLP_ENDPOINT_When_an_order_runs_Then_its_spans_and_the_shop_metrics_are_posted_to_the_OTLP_receiver()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var shop = new OrchestratedOrderDriver(app => app
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Address)
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .With("OTEL_SERVICE_NAME", "shop-under-test"));
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        // The batch processor and the periodic reader export on their own schedule; a flush exports now.
        shop.App.Services.GetRequiredService<TracerProvider>().ForceFlush().Should().BeTrue();
        shop.App.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();

        // Protobuf keeps strings as UTF-8 bytes: the span names, attribute values and metric names can be found in the bodies.
        var traces = await receiver.BodiesAsync("/v1/traces", "step Orders.PlaceOrder/Reserve Item");
        traces.Should().Contain(b => b.Contains("POST /order", StringComparison.Ordinal) && b.Contains(order.ExecutionId, StringComparison.Ordinal));
        traces.Should().Contain(b => b.Contains("shop-under-test", StringComparison.Ordinal), "OTEL_SERVICE_NAME names the service");
        await receiver.BodiesAsync("/v1/metrics", "shop.workflow.executions.started");
        receiver.ContentTypes.Should().OnlyContain(t => t == "application/x-protobuf");
    }

    /// <summary>An OTLP/HTTP endpoint: it keeps what is posted to it and answers 200, as a collector does.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body)> _posts = new();

        private OtlpReceiver(WebApplication app) => _app = app;

        public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public ConcurrentBag<string> ContentTypes { get; } = [];

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(ListeningAddress.Urls);
            var app = builder.Build();
            var receiver = new OtlpReceiver(app);
            app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver.ContentTypes.Add(request.ContentType ?? "");
                receiver._posts.Enqueue((request.Path.Value!, Encoding.UTF8.GetString(body.ToArray())));
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        /// <summary>Every body posted to <paramref name="path"/>, once one of them holds <paramref name="text"/>.</summary>
        public Task<string[]> BodiesAsync(string path, string text) =>
            Eventually.UntilAsync(() => Task.FromResult(_posts.Where(p => p.Path == path).Select(p => p.Body).ToArray()),
                bodies => bodies.Any(b => b.Contains(text, StringComparison.Ordinal)),
                bodies => $"{bodies.Length} posts to {path}, none holding '{text}'");

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
