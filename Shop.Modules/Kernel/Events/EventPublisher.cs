using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Kernel.Events;

internal sealed class EventPublisher(ShopConnection connection, UnitOfWork unitOfWork, TimeProvider clock, EventDispatcher dispatcher,
    IOptionsMonitor<AwsSettings> aws) : IEventPublisher
{
    public async Task<EventEnvelope> PublishAsync(string source, string detailType, JsonObject detail, string? who = null,
        IReadOnlyList<string>? resources = null, DateTimeOffset? time = null, string? eventBus = null,
        CancellationToken cancellationToken = default)
    {
        // The configured account and region, as in every ARN the shop writes: patterns on "account"/"region" match as on AWS.
        var settings = aws.CurrentValue;
        var envelope = new EventEnvelope("0", Guid.NewGuid().ToString(), detailType, source, settings.AccountId,
            (time ?? clock.GetUtcNow()).ToUniversalTime(), settings.Region, resources ?? [], detail);
        await StoreAsync(envelope, who, eventBus, cancellationToken);
        return envelope;
    }

    /// <summary>Stores an envelope as it is (a replay's copy carries its <c>replay-name</c>) and dispatches it once committed.</summary>
    internal async Task StoreAsync(EventEnvelope envelope, string? who, string? eventBus, CancellationToken cancellationToken)
    {
        var (source, detailType, detail) = (envelope.Source, envelope.DetailType, envelope.Detail);
        await unitOfWork.ExecuteAsync(ct =>
        {
            // One INSERT (the columns of StoredEvent, in the EF model's formats): no DbContext or change tracker per event.
            var stamp = ModelConventions.UtcTextConverter.Format(envelope.Time);
            using var command = connection.Command(
                "INSERT INTO evt_events (EventId, Who, TimeWhat, Time, Source, DetailType, Envelope, OrderId, Bus, ReplayName, TraceParent) "
                + "VALUES ($id, $who, $timeWhat, $time, $source, $detailType, $envelope, $orderId, $bus, $replay, $trace)", ct);
            var p = command.Parameters;
            p.AddWithValue("$id", envelope.Id);
            p.AddWithValue("$who", who ?? WhoOf(source, detail));
            p.AddWithValue("$timeWhat", $"{stamp}#{detailType}");
            p.AddWithValue("$time", stamp);
            p.AddWithValue("$source", source);
            p.AddWithValue("$detailType", detailType);
            p.AddWithValue("$envelope", envelope.ToJson());
            p.AddWithValue("$orderId", SqlValues.Value(detail.Text("orderId")));
            p.AddWithValue("$bus", eventBus ?? Rules.EventBuses.Default);
            p.AddWithValue("$replay", SqlValues.Value(envelope.ReplayName));
            p.AddWithValue("$trace", SqlValues.Value(Telemetry.ShopTelemetry.CurrentTraceParent()));
            command.ExecuteNonQuery();
            // Only a committed event may reach handlers; a rolled-back one never existed.
            unitOfWork.AfterCommit(() => dispatcher.EnqueueAsync(envelope.Id));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>The event-store key of SCENARIOS §1.5: customers first, then other entities by letter.</summary>
    internal static string WhoOf(string source, JsonObject detail)
    {
        string? Text(string name) => detail.Text(name) is { Length: > 0 } text ? text : null;

        if (Text("customerId") is { } customer) return $"C#{customer}";
        if (Text("itemId") is { } item) return $"P#{item}";
        if (Text("userId") is { } user) return $"U#{user}";
        if (Text("orderId") is { } order) return $"O#{order}";
        if (Text("id") is { } id) return $"E#{id}";
        return $"S#{source}";
    }
}
