using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Events;

internal sealed class EventPublisher(EventSql sql, UnitOfWork unitOfWork, TimeProvider clock, EventDispatcher dispatcher,
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
        await unitOfWork.ExecuteAsync(ct =>
        {
            // One INSERT: no DbContext or change tracker per event.
            sql.Insert(envelope, who ?? WhoOf(envelope.Source, envelope.Detail), eventBus ?? Rules.EventBuses.Default,
                Telemetry.ShopTelemetry.CurrentTraceParent(), ct);
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
