using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shop.Modules.Kernel.Telemetry;

namespace Shop.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the host (docs/observability.md): the shop's <c>Shop</c> source and meter and ASP.NET Core's
/// requests, exported with OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without it no SDK is registered: nothing
/// listens, so the engine and the dispatcher start no span, build no name and record no measurement.
/// </summary>
public static class ShopTelemetryHosting
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddShopTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting])) return services;
        // The exporter reads the OTEL_EXPORTER_OTLP_* settings (protocol, headers, ...) from configuration itself.
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "shop"))
            .WithTracing(tracing => tracing.AddShopTracing().AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddShopMetrics().AddOtlpExporter());
        return services;
    }

    /// <summary>What the shop traces: its own spans (steps, event handlers) and the HTTP requests that start them.</summary>
    public static TracerProviderBuilder AddShopTracing(this TracerProviderBuilder tracing) =>
        tracing.AddSource(ShopTelemetry.Name).AddAspNetCoreInstrumentation(o =>
        {
            o.Filter = IsTraced;
            o.EnrichWithHttpResponse = ReadableName;
        });

    /// <summary>The shop's meter and ASP.NET Core's HTTP server metrics (<c>http.server.request.duration</c>, ...).</summary>
    public static MeterProviderBuilder AddShopMetrics(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(ShopTelemetry.Name).AddAspNetCoreInstrumentation();

    /// <summary>"POST /order", not "POST /order/": a group's root route ends in a slash nobody types (http.route keeps it).</summary>
    private static void ReadableName(System.Diagnostics.Activity span, HttpResponse response)
    {
        if (span.DisplayName is { Length: > 2 } name && name[^1] == '/' && name[^2] != ' ') span.DisplayName = name[..^1];
    }

    /// <summary>The console's live refreshes (htmx, every 2 s), its static files and health probes would bury the orders' traces.</summary>
    private static bool IsTraced(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("HX-Request")) return false;
        var path = context.Request.Path;
        return !(path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/hangfire"));
    }
}
