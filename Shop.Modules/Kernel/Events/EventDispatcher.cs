using System.Text.Json;
using System.Threading.Channels;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Delivers committed events, in the order they were stored, to the mediator's notification handlers.
/// An event is marked dispatched only when every handler has run; at start every unmarked event is
/// delivered again (Invariant 2). A failing delivery is retried with a growing delay.
/// </summary>
public sealed class EventDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EventDispatcher> logger) : BackgroundService
{
    // Not SingleReader: that channel cannot count its items, and IsIdle needs the count.
    private readonly Channel<long> _wakeUps = Channel.CreateUnbounded<long>();
    private long _idle;

    /// <summary>True when no event is waiting to be delivered (tests and the benchmark wait for it).</summary>
    public bool IsIdle => Interlocked.Read(ref _idle) == 1 && _wakeUps.Reader.Count == 0;

    internal ValueTask EnqueueAsync(string eventId)
    {
        Interlocked.Exchange(ref _idle, 0);
        return _wakeUps.Writer.WriteAsync(0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Drain: deliver every undispatched event in store order, then sleep until woken.
                while (await DeliverNextAsync(stoppingToken)) failures = 0;
                Interlocked.Exchange(ref _idle, 1);
                // Wait without consuming, and leave idle before draining: IsIdle never reads true while a
                // wake-up is being taken off the queue.
                await _wakeUps.Reader.WaitToReadAsync(stoppingToken);
                Interlocked.Exchange(ref _idle, 0);
                while (_wakeUps.Reader.TryRead(out _)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 50 * Math.Pow(2, Math.Min(failures, 7))));
                logger.LogError(ex, "Event delivery failed ({Failures} in a row); retrying in {Delay}", failures, delay);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }

    private async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        var next = await db.Events.AsNoTracking()
            .Where(e => e.DispatchedAt == null)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Envelope })
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null) return false;

        var envelope = JsonSerializer.Deserialize<EventEnvelope>(next.Envelope, EventEnvelope.Json)!;
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new EventReceived(envelope), cancellationToken);

        var unitOfWork = scope.ServiceProvider.GetRequiredService<Database.UnitOfWork>();
        await unitOfWork.ExecuteAsync(ct => db.Events.Where(e => e.Sequence == next.Sequence)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, Database.ModelConventions.UtcTextConverter.Format(clock.GetUtcNow())), ct), cancellationToken);
        return true;
    }
}
