using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Events;

internal sealed class EventStoreReader(EventsDbContext db) : IEventStore
{
    public async Task<StoredEventPage> QueryAsync(EventQuery query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        var events = db.Events.AsNoTracking();
        if (query.Who is { } who) events = events.Where(e => e.Who == who);
        if (query.DetailType is { } detailType) events = events.Where(e => e.DetailType == detailType);
        if (query.Source is { } source) events = events.Where(e => e.Source == source);
        if (query.OrderId is { } orderId) events = events.Where(e => e.OrderId == orderId);
        // Times are fixed-width UTC text (ModelConventions), so comparing text compares instants.
        if (query.From is { } from)
        {
            var stamp = ModelConventions.UtcTextConverter.Format(from);
            events = events.Where(e => string.Compare(e.Time, stamp) >= 0);
        }
        if (query.To is { } to)
        {
            var stamp = ModelConventions.UtcTextConverter.Format(to);
            events = events.Where(e => string.Compare(e.Time, stamp) <= 0);
        }

        var total = await events.CountAsync(cancellationToken);
        // Time order, as the seed's table sorts by timeWhat: an event put with an earlier Time (PutEvents' Time)
        // takes its place in time, not in arrival order; arrival order breaks ties.
        var ordered = query.NewestFirst
            ? events.OrderByDescending(e => e.Time).ThenByDescending(e => e.Sequence)
            : events.OrderBy(e => e.Time).ThenBy(e => e.Sequence);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new StoredEventPage(rows.Select(ToView).ToList(), page, pageSize, total);
    }

    public async Task<StoredEventView?> FindAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var row = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.EventId == eventId, cancellationToken);
        return row is null ? null : ToView(row);
    }

    private static StoredEventView ToView(StoredEvent e) =>
        new(e.Sequence, e.Who, e.TimeWhat, e.Source, e.DetailType, e.OrderId, e.DispatchedAt is not null,
            JsonSerializer.Deserialize<EventEnvelope>(e.Envelope, EventEnvelope.Json)!);
}
