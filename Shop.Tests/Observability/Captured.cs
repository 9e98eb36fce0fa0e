using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.Modules.Kernel.Telemetry;
using Shop.Tests.Infrastructure;
using Shop.Web.Telemetry;

namespace Shop.Tests.Observability;

/// <summary>
/// What the in-memory exporters received. The exporters add from the threads that end spans (or collect metrics)
/// while a test reads, so every access takes the lock. The shop's source and meter are static: spans of other hosts
/// running in this test process arrive here too, so tests pick theirs by trace id, execution id or workflow name.
/// </summary>
internal sealed class Captured<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public T[] Snapshot()
    {
        lock (_items) return [.. _items];
    }

    public void Add(T item)
    {
        lock (_items) _items.Add(item);
    }

    public void Clear()
    {
        lock (_items) _items.Clear();
    }

    public bool Contains(T item)
    {
        lock (_items) return _items.Contains(item);
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items) _items.CopyTo(array, arrayIndex);
    }

    public bool Remove(T item)
    {
        lock (_items) return _items.Remove(item);
    }

    public int Count
    {
        get
        {
            lock (_items) return _items.Count;
        }
    }

    public bool IsReadOnly => false;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal static class TelemetryCapture
{
    /// <summary>The host's own tracing setup (the Shop source, ASP.NET Core's requests) with the in-memory exporter instead of OTLP.</summary>
    public static ShopApp WithTracing(this ShopApp app, Captured<Activity> spans) =>
        app.WithServices(s => s.AddOpenTelemetry().WithTracing(t => t.AddShopTracing().AddInMemoryExporter(spans)));

    /// <summary>The host's own metrics setup with the in-memory exporter; <see cref="Collect"/> reads it.</summary>
    public static ShopApp WithMetrics(this ShopApp app, Captured<MetricSnapshot> metrics) =>
        app.WithServices(s => s.AddOpenTelemetry().WithMetrics(m => m.AddShopMetrics().AddInMemoryExporter(metrics)));

    /// <summary>Collects now and returns the latest snapshot of each metric (cumulative since the host started).</summary>
    public static Dictionary<string, MetricSnapshot> Collect(this ShopApp app, Captured<MetricSnapshot> metrics)
    {
        metrics.Clear();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue("the in-memory reader collects on demand");
        return metrics.Snapshot().GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
    }

    public static string? Tag(this Activity span, string name) => span.GetTagItem(name)?.ToString();

    public static bool IsShop(this Activity span) => span.Source.Name == ShopTelemetry.Name;

    /// <summary>The sum of a counter's points whose tags include all of <paramref name="tags"/>.</summary>
    public static long Sum(this MetricSnapshot metric, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var point in metric.MetricPoints)
        {
            if (HasTags(point, tags)) sum += point.GetSumLong();
        }
        return sum;
    }

    public static bool HasTags(MetricPoint point, (string Key, string Value)[] tags) => tags.All(t => TagValue(point, t.Key) == t.Value);

    public static string? TagValue(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value?.ToString();
        }
        return null;
    }
}
