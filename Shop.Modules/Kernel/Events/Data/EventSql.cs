using System.Text.Json;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Kernel.Events.Data;

/// <summary>
/// The event store's statements on every event's path (storing it, marking a handler's delivery, the dispatcher's
/// batch), as plain SQL on the scope's connection: each runs many times a second, and no DbContext is built for them.
/// The console's reads and the rarer writes (parked deliveries, rules, archives) stay on <see cref="EventsDbContext"/>.
/// Lists go in as one JSON array parameter (<c>json_each</c>).
/// </summary>
internal sealed class EventSql(ShopConnection connection)
{
    /// <summary>One INSERT with the columns of <see cref="StoredEvent"/>, in the EF model's formats.</summary>
    public void Insert(EventEnvelope envelope, string who, string bus, string? traceParent, CancellationToken cancellationToken)
    {
        var stamp = ModelConventions.UtcTextConverter.Format(envelope.Time);
        using var command = connection.Command(
            "INSERT INTO evt_events (EventId, Who, TimeWhat, Time, Source, DetailType, Envelope, OrderId, Bus, ReplayName, TraceParent) "
            + "VALUES ($id, $who, $timeWhat, $time, $source, $detailType, $envelope, $orderId, $bus, $replay, $trace)", cancellationToken);
        var p = command.Parameters;
        p.AddWithValue("$id", envelope.Id);
        p.AddWithValue("$who", who);
        p.AddWithValue("$timeWhat", $"{stamp}#{envelope.DetailType}");
        p.AddWithValue("$time", stamp);
        p.AddWithValue("$source", envelope.Source);
        p.AddWithValue("$detailType", envelope.DetailType);
        p.AddWithValue("$envelope", envelope.ToJson());
        p.AddWithValue("$orderId", SqlValues.Value(envelope.Detail.Text("orderId")));
        p.AddWithValue("$bus", bus);
        p.AddWithValue("$replay", SqlValues.Value(envelope.ReplayName));
        p.AddWithValue("$trace", SqlValues.Value(traceParent));
        command.ExecuteNonQuery();
    }

    /// <summary>"Handler H handled event E"; false when that mark was already there (it changes nothing then).</summary>
    public bool MarkHandled(string eventId, string handler)
    {
        using var command = connection.Command("INSERT INTO evt_handled (EventId, Handler) VALUES ($e, $h) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("$e", eventId);
        command.Parameters.AddWithValue("$h", handler);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The first <paramref name="limit"/> events not yet dispatched, in store order.</summary>
    public List<UndispatchedEvent> Undispatched(int limit)
    {
        using var command = connection.Command(
            "SELECT Sequence, EventId, Who, Envelope, TraceParent FROM evt_events WHERE DispatchedAt IS NULL ORDER BY Sequence LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var batch = new List<UndispatchedEvent>();
        while (reader.Read())
            batch.Add(new UndispatchedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SqlValues.Text(reader, 4)));
        return batch;
    }

    /// <summary>The live parked deliveries of these entities, and every parked delivery of these events.</summary>
    public List<OpenDelivery> OpenDeliveries(IEnumerable<string> whos, IEnumerable<string> eventIds)
    {
        using var command = connection.Command("SELECT Who, EventId, Subscriber, Dead FROM evt_deliveries "
            + "WHERE (Dead = 0 AND Who IN (SELECT value FROM json_each($whos))) OR EventId IN (SELECT value FROM json_each($ids))");
        command.Parameters.AddWithValue("$whos", JsonSerializer.Serialize(whos));
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(eventIds));
        using var reader = command.ExecuteReader();
        var open = new List<OpenDelivery>();
        while (reader.Read()) open.Add(new OpenDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        return open;
    }

    public void MarkDispatched(IEnumerable<long> sequences, string dispatchedAt, CancellationToken cancellationToken)
    {
        using var command = connection.Command("UPDATE evt_events SET DispatchedAt = $at WHERE Sequence IN (SELECT value FROM json_each($sequences))", cancellationToken);
        command.Parameters.AddWithValue("$at", dispatchedAt);
        command.Parameters.AddWithValue("$sequences", JsonSerializer.Serialize(sequences));
        command.ExecuteNonQuery();
    }
}

internal sealed record UndispatchedEvent(long Sequence, string EventId, string Who, string Envelope, string? TraceParent);

internal sealed record OpenDelivery(string Who, string EventId, string Subscriber, bool Dead);
