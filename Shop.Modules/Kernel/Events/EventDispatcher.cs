using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Telemetry;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Delivers committed events, in store order, to the subscribers that match them (declared reactions, rules).
/// Each (event, subscriber) is one delivery: one that fails is parked with its error and retried with a growing
/// delay, and after <see cref="EventDeliverySettings.MaxAttempts"/> it is dead (listed at <c>/events/dead</c>),
/// while every other delivery goes on. A later event of the same entity (<see cref="StoredEvent.Who"/>) waits
/// behind a parked delivery to the same subscriber, so per-entity order holds. An event is marked dispatched once
/// each of its deliveries succeeded or was parked, in the transaction that parks them; at start every unmarked
/// event is delivered again (Invariant 2; handlers' HandleOnce marks make that harmless).
/// </summary>
public sealed class EventDispatcher(IServiceScopeFactory scopes, EventDeliverySettings settings, ILogger<EventDispatcher> logger) : BackgroundService
{
    // Retry pacing is operational, so it runs on real time even when the shop's clock is faked in tests.
    private static readonly TimeProvider RealTime = TimeProvider.System;

    // Not SingleReader: that channel cannot count its items, and IsIdle needs the count.
    private readonly Channel<long> _wakeUps = Channel.CreateUnbounded<long>();
    private long _idle;

    private const int BatchSize = 64;
    private const int DeliveriesInFlight = 16;

    /// <summary>True when no event and no retry is waiting to be delivered (tests and the benchmark wait for it); dead deliveries do not count.</summary>
    public bool IsIdle => Interlocked.Read(ref _idle) == 1 && _wakeUps.Reader.Count == 0;

    internal ValueTask EnqueueAsync(string eventId)
    {
        Interlocked.Exchange(ref _idle, 0);
        return _wakeUps.Writer.WriteAsync(0);
    }

    /// <summary>Delivers <paramref name="event"/> again to every subscriber it matches, now; a failure throws (tests).</summary>
    public async Task RedeliverAsync(EventEnvelope @event, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var subscriber in Subscribers(scope.ServiceProvider, @event))
        {
            await using var delivery = scopes.CreateAsyncScope();
            await subscriber.DeliverAsync(delivery.ServiceProvider, @event, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Drain: deliver every undispatched event in store order, then the retries that are due.
                while (await DeliverNextAsync(stoppingToken)) failures = 0;
                var (retried, nextDue) = await RetryDueAsync(stoppingToken);
                if (retried) continue;
                if (nextDue is null) Interlocked.Exchange(ref _idle, 1);
                // Wait without consuming, and leave idle before draining: IsIdle never reads true while a
                // wake-up is being taken off the queue.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                if (nextDue is { } due) wait.CancelAfter(Max(due - RealTime.GetUtcNow(), TimeSpan.FromMilliseconds(5)));
                try
                {
                    await _wakeUps.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A retry is due.
                }
                Interlocked.Exchange(ref _idle, 0);
                while (_wakeUps.Reader.TryRead(out _)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The dispatcher's own reads and writes failed (not a subscriber's): wait and try again.
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 50 * Math.Pow(2, Math.Min(failures, 7))));
                logger.LogError(ex, "Event dispatch failed ({Failures} in a row); retrying in {Delay}", failures, delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Delivers the next undispatched events (up to <see cref="BatchSize"/>, in store order) and marks them dispatched.</summary>
    /// <remarks>
    /// Each (entity, subscriber) is a lane (each subscriber that asks for <see cref="EventSubscriber.InStoreOrder"/>
    /// is one lane): its deliveries run one after another in store order, so per-entity order holds for every
    /// subscriber, and a failure parks that entity's later events behind it. Lanes run at once (up to
    /// <see cref="DeliveriesInFlight"/>), so their handlers' units of work share the group-commit writer's batches:
    /// one event at a time, each handler waited for a commit of its own (docs/performance.md). The parked
    /// deliveries and the dispatched marks of the whole batch are one unit of work; a crash before it delivers the
    /// batch again at start, and the handlers' HandleOnce marks make that harmless.
    /// </remarks>
    private async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sql = scope.ServiceProvider.GetRequiredService<EventSql>();
        var batch = sql.Undispatched(BatchSize);
        if (batch.Count == 0) return false;

        // Lanes with an earlier delivery still open, and the deliveries parked for these events before a crash.
        var open = sql.OpenDeliveries(batch.Select(e => e.Who).Distinct(), batch.Select(e => e.EventId));
        var blockedLanes = open.Where(d => !d.Dead).Select(d => (d.Who, d.Subscriber)).ToHashSet();
        var parkedBefore = open.Select(d => (d.EventId, d.Subscriber)).ToHashSet();

        var lanes = new Dictionary<(string? Who, string Subscriber), List<Delivery>>();
        foreach (var stored in batch)
        {
            var envelope = JsonSerializer.Deserialize<EventEnvelope>(stored.Envelope, EventEnvelope.Json)!;
            foreach (var subscriber in Subscribers(scope.ServiceProvider, envelope))
            {
                if (parkedBefore.Contains((stored.EventId, subscriber.Name))) continue;
                var key = (subscriber.InStoreOrder ? null : stored.Who, subscriber.Name);
                if (!lanes.TryGetValue(key, out var lane)) lanes[key] = lane = [];
                lane.Add(new Delivery(stored, envelope, subscriber));
            }
        }

        var now = RealTime.GetUtcNow();
        var parked = new List<PendingDelivery>();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = DeliveriesInFlight, CancellationToken = cancellationToken }, async (lane, ct) =>
        {
            // The entities whose earlier delivery to this subscriber is open: their later events wait behind it.
            var blocked = new HashSet<string>();
            foreach (var delivery in lane.Value)
            {
                var who = delivery.Stored.Who;
                PendingDelivery? park;
                if (blocked.Contains(who) || blockedLanes.Contains((who, delivery.Subscriber.Name))) park = Park(delivery, 0, now, null, now);
                else if (await TryDeliverAsync(delivery.Subscriber, delivery.Envelope, delivery.Stored.TraceParent, attempt: 1, ct) is { } error)
                    park = Park(delivery, 1, now + settings.Backoff(1), error, now);
                else continue;
                // A dead delivery holds nothing back.
                if (!park.Dead) blocked.Add(who);
                lock (parked) parked.Add(park);
            }
        });

        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        await unitOfWork.ExecuteAsync(async ct =>
        {
            if (parked.Count > 0)
            {
                var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
                db.Deliveries.AddRange(parked.OrderBy(p => p.Sequence).ThenBy(p => p.Subscriber, StringComparer.Ordinal));
                await db.SaveChangesAsync(ct);
            }
            sql.MarkDispatched(batch.Select(e => e.Sequence), Stamp(now), ct);
        }, cancellationToken);
        if (ShopMetrics.DeadDeliveries.Enabled) ShopMetrics.DeadDeliveries.Add(parked.Count(p => p.Dead));
        return true;
    }

    private PendingDelivery Park(Delivery delivery, int attempts, DateTimeOffset due, string? error, DateTimeOffset now) => new()
    {
        Sequence = delivery.Stored.Sequence, EventId = delivery.Stored.EventId, Subscriber = delivery.Subscriber.Name, Who = delivery.Stored.Who,
        Attempts = attempts, DueAt = Stamp(due), LastError = error, FailedAt = error is null ? null : Stamp(now), FirstFailedAt = error is null ? null : Stamp(now),
        Dead = error is not null && Exhausted(delivery.Subscriber.Policy, attempts, now, now), DeadLetter = delivery.Subscriber.Policy?.DeadLetter,
    };

    private sealed record Delivery(UndispatchedEvent Stored, EventEnvelope Envelope, EventSubscriber Subscriber);

    /// <summary>Retries the parked deliveries that are due, each the first open one of its (entity, subscriber).</summary>
    /// <returns>Whether any was retried, and else when the next one is due (null: none is open).</returns>
    private async Task<(bool Retried, DateTimeOffset? NextDue)> RetryDueAsync(CancellationToken cancellationToken)
    {
        List<PendingDelivery> open;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
            open = await db.Deliveries.AsNoTracking().Where(d => !d.Dead).OrderBy(d => d.Sequence).ThenBy(d => d.Id).Take(1000).ToListAsync(cancellationToken);
        }
        if (open.Count == 0) return (false, null);

        var heads = open.GroupBy(d => (d.Who, d.Subscriber)).Select(g => g.First()).ToList();
        var now = RealTime.GetUtcNow();
        var due = heads.Where(d => ModelConventions.UtcTextConverter.Parse(d.DueAt) <= now).ToList();
        if (due.Count == 0) return (false, heads.Min(d => ModelConventions.UtcTextConverter.Parse(d.DueAt)));
        foreach (var delivery in due) await RetryAsync(delivery, cancellationToken);
        return (true, null);
    }

    private async Task RetryAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        var stored = await db.Events.AsNoTracking().Where(e => e.EventId == delivery.EventId).Select(e => new { e.Envelope, e.TraceParent }).FirstOrDefaultAsync(cancellationToken);
        var envelope = stored is null ? null : JsonSerializer.Deserialize<EventEnvelope>(stored.Envelope, EventEnvelope.Json)!;
        // A subscriber that no longer matches (a rule removed) has nothing left to receive.
        var subscriber = envelope is null ? null : Subscribers(scope.ServiceProvider, envelope).FirstOrDefault(s => s.Name == delivery.Subscriber);
        var attempt = delivery.Attempts + 1;
        var error = subscriber is null ? null : await TryDeliverAsync(subscriber, envelope!, stored!.TraceParent, attempt, cancellationToken);
        var now = RealTime.GetUtcNow();
        var firstFailed = delivery.FirstFailedAt is { } first ? ModelConventions.UtcTextConverter.Parse(first) : now;
        var dead = error is not null && Exhausted(subscriber?.Policy, attempt, firstFailed, now);

        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            var rows = db.Deliveries.Where(d => d.Id == delivery.Id);
            if (error is null) await rows.ExecuteDeleteAsync(ct);
            else await rows.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempt)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.FailedAt, Stamp(now))
                .SetProperty(d => d.DueAt, Stamp(now + settings.Backoff(attempt)))
                .SetProperty(d => d.FirstFailedAt, Stamp(firstFailed))
                .SetProperty(d => d.DeadLetter, subscriber == null ? delivery.DeadLetter : subscriber.Policy == null ? null : subscriber.Policy.DeadLetter)
                .SetProperty(d => d.Dead, dead), ct);
        }, cancellationToken);
        if (dead)
        {
            ShopMetrics.DeadDeliveries.Add(1);
            logger.LogError("Delivery of event {EventId} to {Subscriber} is dead after {Attempts} attempts: {Error}",
                delivery.EventId, delivery.Subscriber, attempt, error);
        }
    }

    /// <returns>Null when delivered; else what went wrong, for the operator.</returns>
    private async Task<string?> TryDeliverAsync(EventSubscriber subscriber, EventEnvelope envelope, string? traceParent, int attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var span = DeliverySpans.Start(traceParent, subscriber, envelope, attempt);
        try
        {
            await subscriber.DeliverAsync(scope.ServiceProvider, envelope, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            DeliverySpans.Failed(span, ex);
            logger.LogWarning(ex, "Delivery of event {EventId} ({DetailType}) to {Subscriber} failed (attempt {Attempt} of {MaxAttempts})",
                envelope.Id, envelope.DetailType, subscriber.Name, attempt, settings.MaxAttempts);
            var text = $"{ex.GetType().Name}: {ex.Message}";
            return text.Length <= 2000 ? text : text[..2000];
        }
    }

    /// <summary>No attempt left: the subscriber's (or the settings') count is spent, or the next one would come after its MaxAge.</summary>
    private bool Exhausted(DeliveryPolicy? policy, int attempts, DateTimeOffset firstFailed, DateTimeOffset now) =>
        attempts >= (policy?.MaxAttempts ?? settings.MaxAttempts)
        || (policy?.MaxAge is { } age && now + settings.Backoff(attempts) - firstFailed > age);

    private static List<EventSubscriber> Subscribers(IServiceProvider services, EventEnvelope envelope) =>
        services.GetServices<IEventSubscribers>().SelectMany(s => s.Match(envelope)).ToList();

    private static string Stamp(DateTimeOffset time) => ModelConventions.UtcTextConverter.Format(time);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary><c>Events:MaxAttempts</c> (5) and <c>Events:RetryBaseDelay</c> (1 s, doubled after each failure, at most 5 min).</summary>
public sealed record EventDeliverySettings(int MaxAttempts, TimeSpan RetryBaseDelay)
{
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(TimeSpan.FromMinutes(5).Ticks, RetryBaseDelay.Ticks * Math.Pow(2, Math.Max(0, attempts - 1))));
}
