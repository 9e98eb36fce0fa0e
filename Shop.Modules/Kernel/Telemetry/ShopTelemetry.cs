using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shop.Modules.Kernel.Telemetry;

/// <summary>
/// The shop's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Shop</c> (docs/observability.md).
/// Nothing here depends on the OpenTelemetry SDK: the host subscribes to them only when it exports. With no listener
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and an instrument's Add/Record returns at
/// once, so the helpers below check first and build no span name or tag when nothing samples.
/// </summary>
public static class ShopTelemetry
{
    public const string Name = "Shop";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>
    /// The current span as a W3C <c>traceparent</c> (<c>00-{trace id}-{span id}-{flags}</c>), to store with a row whose
    /// later work belongs to the same trace (an event, an execution); null when nothing listens, so it costs nothing then.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Source.HasListeners() && Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a span whose parent is a stored <c>traceparent</c> (a row's); with none (a row written while nothing
    /// listened), the span's parent is the current one, if any. Null when nothing samples it. <paramref name="name"/> is
    /// only called when a listener exists (a static lambda: no allocation otherwise).
    /// </summary>
    public static Activity? StartFrom<TState>(string? traceParent, ActivityKind kind, Func<TState, string> name, TState state)
    {
        if (!Source.HasListeners()) return null;
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        return Source.StartActivity(name(state), kind, parent);
    }

    /// <summary>The trace id of a stored <c>traceparent</c>, or null when there is none (the row was written while nothing listened).</summary>
    public static string? TraceIdOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context.TraceId.ToHexString() : null;

    /// <summary>Marks the span failed the way OpenTelemetry's conventions say: status Error with a description, and <c>error.type</c>.</summary>
    public static void Fail(Activity? span, string errorType, string? description)
    {
        if (span is null) return;
        span.SetStatus(ActivityStatusCode.Error, description);
        span.SetTag(ShopTags.ErrorType, errorType);
    }
}
