using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Shop.Modules.Kernel.Telemetry;

/// <summary>
/// The instruments of the <c>Shop</c> meter (names, units and attributes in docs/observability.md). Static like the meter:
/// with no listener every Add/Record is a check of <c>Enabled</c> and nothing else.
/// </summary>
public static class ShopMetrics
{
    public static readonly Counter<long> ExecutionsStarted = ShopTelemetry.Meter.CreateCounter<long>("shop.workflow.executions.started", "{execution}",
        "Executions committed as started, Parallel branches and Map iterations included.");

    public static readonly Counter<long> ExecutionsEnded = ShopTelemetry.Meter.CreateCounter<long>("shop.workflow.executions.ended", "{execution}",
        "Executions committed as ended, by status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED).");

    public static readonly Histogram<double> StepDuration = ShopTelemetry.Meter.CreateHistogram("shop.workflow.step.duration", "s",
        "How long one step of an execution took, from loading the execution to its commit.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Histogram<double> TimerLateness = ShopTelemetry.Meter.CreateHistogram("shop.workflow.timer.lateness", "s",
        "How late a deadline (Wait, Retry, Heartbeat, TaskTimeout, ExecutionTimeout) fired: the engine's clock at firing minus its due time.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60] });

    public static readonly Counter<long> DeadDeliveries = ShopTelemetry.Meter.CreateCounter<long>("shop.events.deliveries.dead", "{delivery}",
        "Deliveries of an event to a subscriber set aside as dead after their last attempt.");

    // One reader per running host (a test process may run several); a real process has one.
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> BacklogReaders = new();

    /// <summary>Read only when a metric reader collects: the deliveries still to make, by kind.</summary>
    public static readonly ObservableGauge<long> Backlog = ShopTelemetry.Meter.CreateObservableGauge("shop.events.backlog",
        () => BacklogReaders.Values.SelectMany(read => read()), "{delivery}",
        "Deliveries the dispatcher still has to make: events not dispatched yet (undispatched) and failed deliveries waiting for a retry (retrying).");

    /// <summary>Adds a host's backlog to <see cref="Backlog"/> until the returned handle is disposed.</summary>
    public static IDisposable ObserveBacklog(Func<IEnumerable<Measurement<long>>> read)
    {
        var key = new object();
        BacklogReaders[key] = read;
        return new Unregister(key);
    }

    private sealed class Unregister(object key) : IDisposable
    {
        public void Dispose() => BacklogReaders.TryRemove(key, out _);
    }
}

/// <summary>Attribute names of the shop's spans and metrics; OpenTelemetry's own where a convention exists (<c>error.type</c>, <c>messaging.*</c>).</summary>
public static class ShopTags
{
    public const string Workflow = "shop.workflow.name";
    public const string State = "shop.workflow.state";
    public const string ExecutionId = "shop.execution.id";
    public const string ExecutionStatus = "shop.execution.status";
    public const string Attempt = "shop.step.attempt";
    public const string TimerKind = "shop.timer.kind";
    public const string EventSource = "shop.event.source";
    public const string EventDetailType = "shop.event.detail_type";
    public const string Subscriber = "messaging.consumer.group.name";
    public const string DeliveryState = "shop.delivery.state";
    public const string ErrorType = "error.type";
}
