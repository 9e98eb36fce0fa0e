using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// One receiver of events: the dispatcher delivers each event to every subscriber that matches it, and counts
/// failures per (event, subscriber), so one failing subscriber never holds back the others (EventBridge's
/// per-target delivery). <see cref="Name"/> is stable across restarts: pending and dead deliveries keep it.
/// </summary>
public sealed record EventSubscriber(string Name, Func<IServiceProvider, EventEnvelope, CancellationToken, ValueTask> DeliverAsync)
{
    /// <summary>This subscriber's own retry limits and dead-letter list (a rule target's RetryPolicy and DeadLetterConfig); null: the dispatcher's settings.</summary>
    public DeliveryPolicy? Policy { get; init; }

    /// <summary>
    /// Receives every event in store order, not only each entity's (the dispatcher delivers different entities' events
    /// at once): for a subscriber that follows events across entities, such as the choreography monitor.
    /// </summary>
    public bool InStoreOrder { get; init; }
}

/// <param name="MaxAttempts">Attempts in all (EventBridge's MaximumRetryAttempts + 1); null: <c>Events:MaxAttempts</c>.</param>
/// <param name="MaxAge">No retry later than this after the first failure (MaximumEventAgeInSeconds); null: no limit.</param>
/// <param name="DeadLetter">The named dead-letter list a dead delivery goes to; null: the shop's dead deliveries.</param>
public sealed record DeliveryPolicy(int? MaxAttempts, TimeSpan? MaxAge, string? DeadLetter);

/// <summary>Where subscribers come from: the declared reactions, the rules, ... Resolved in a scope per event.</summary>
public interface IEventSubscribers
{
    IEnumerable<EventSubscriber> Match(EventEnvelope @event);
}

/// <summary>A reaction's declaration: which events reach <see cref="Handler"/> (with its source and detail-type when declared by them).</summary>
internal sealed record EventSubscription(Type Handler, Func<IServiceProvider, EventEnvelope, bool> Matches, string? Source = null, string? DetailType = null)
{
    public bool InStoreOrder { get; init; }
}

public static class EventSubscriptions
{
    /// <summary>Declares that <typeparamref name="THandler"/> handles the events of <paramref name="source"/> and <paramref name="detailType"/>; declare again for each more.</summary>
    public static IServiceCollection AddReaction<THandler>(this IServiceCollection services, string source, string detailType)
        where THandler : class, IEventHandler =>
        services.Add<THandler>(new EventSubscription(typeof(THandler), (_, e) => e.Source == source && e.DetailType == detailType, source, detailType));

    /// <summary>For a handler whose events are chosen at run time (choreography patterns): <paramref name="matches"/> runs in the dispatcher's scope.</summary>
    /// <param name="inStoreOrder">Deliver this handler's events in store order across entities (<see cref="EventSubscriber.InStoreOrder"/>).</param>
    public static IServiceCollection AddReaction<THandler>(this IServiceCollection services, Func<IServiceProvider, EventEnvelope, bool> matches, bool inStoreOrder = false)
        where THandler : class, IEventHandler =>
        services.Add<THandler>(new EventSubscription(typeof(THandler), matches) { InStoreOrder = inStoreOrder });

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
    // Scheduled and replayed events go to rules only (EventBridge delivers them to the rule's targets, not to the bus).
    public IEnumerable<EventSubscriber> Match(EventEnvelope @event) => @event.IsScheduled || @event.ReplayName is not null ? [] :
        subscriptions.Where(s => s.Matches(services, @event)).GroupBy(s => s.Handler).Select(s => Subscriber(s.Key, s.Any(x => x.InStoreOrder)));

    private static EventSubscriber Subscriber(Type handler, bool inStoreOrder) => new(handler.FullName!.Replace("Shop.Modules.", "", StringComparison.Ordinal),
        (scope, e, ct) => ((IEventHandler)scope.GetRequiredService(handler)).Handle(new EventReceived(e), ct)) { InStoreOrder = inStoreOrder };
}
