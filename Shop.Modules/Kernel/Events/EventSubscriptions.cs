using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// One receiver of events: the dispatcher delivers each event to every subscriber that matches it, and counts
/// failures per (event, subscriber), so one failing subscriber never holds back the others (EventBridge's
/// per-target delivery). <see cref="Name"/> is stable across restarts: pending and dead deliveries keep it.
/// </summary>
public sealed record EventSubscriber(string Name, Func<IServiceProvider, EventEnvelope, CancellationToken, ValueTask> DeliverAsync);

/// <summary>Where subscribers come from: the declared reactions, the rules, ... Resolved in a scope per event.</summary>
public interface IEventSubscribers
{
    IEnumerable<EventSubscriber> Match(EventEnvelope @event);
}

/// <summary>A reaction's declaration: which events reach <see cref="Handler"/> (with its source and detail-type when declared by them).</summary>
internal sealed record EventSubscription(Type Handler, Func<IServiceProvider, EventEnvelope, bool> Matches, string? Source = null, string? DetailType = null);

public static class EventSubscriptions
{
    /// <summary>Declares that <typeparamref name="THandler"/> handles the events of <paramref name="source"/> and <paramref name="detailType"/>; declare again for each more.</summary>
    public static IServiceCollection AddReaction<THandler>(this IServiceCollection services, string source, string detailType)
        where THandler : class, IEventHandler =>
        services.Add<THandler>(new EventSubscription(typeof(THandler), (_, e) => e.Source == source && e.DetailType == detailType, source, detailType));

    /// <summary>For a handler whose events are chosen at run time (choreography patterns): <paramref name="matches"/> runs in the dispatcher's scope.</summary>
    public static IServiceCollection AddReaction<THandler>(this IServiceCollection services, Func<IServiceProvider, EventEnvelope, bool> matches)
        where THandler : class, IEventHandler =>
        services.Add<THandler>(new EventSubscription(typeof(THandler), matches));

    private static IServiceCollection Add<THandler>(this IServiceCollection services, EventSubscription subscription)
        where THandler : class, IEventHandler
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(subscription);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IEventSubscribers, DeclaredReactions>());
        return services;
    }
}

/// <summary>The reactions modules declared, one subscriber per handler type (named after it).</summary>
internal sealed class DeclaredReactions(IEnumerable<EventSubscription> subscriptions, IServiceProvider services) : IEventSubscribers
{
    public IEnumerable<EventSubscriber> Match(EventEnvelope @event) =>
        subscriptions.Where(s => s.Matches(services, @event)).Select(s => s.Handler).Distinct().Select(Subscriber);

    private static EventSubscriber Subscriber(Type handler) => new(handler.FullName!.Replace("Shop.Modules.", "", StringComparison.Ordinal),
        (scope, e, ct) => ((IEventHandler)scope.GetRequiredService(handler)).Handle(new EventReceived(e), ct));
}
