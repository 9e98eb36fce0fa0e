using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.EventStore.PutEvents;

internal sealed class PutEventsHandler(IEventPublisher publisher, EventRules buses) : IRequestHandler<Contracts.PutEvents, PutEventsResult>
{
    private const int MaxSourceLength = 256;
    private const int MaxDetailTypeLength = 128;
    private const int MaxResourceLength = 2048;

    public async ValueTask<PutEventsResult> Handle(Contracts.PutEvents request, CancellationToken cancellationToken)
    {
        if (request.Entries.Count is 0 or > Contracts.PutEvents.MaxEntries)
            throw new InvalidInputException("Entries", $"'Entries' must hold 1 to {Contracts.PutEvents.MaxEntries} entries.");

        var results = new List<PutEventsResultEntry>(request.Entries.Count);
        foreach (var entry in request.Entries)
        {
            if (Validate(entry, out var detail) is { } error)
            {
                results.Add(error);
                continue;
            }
            if (await buses.FindBusAsync(entry.EventBusName, cancellationToken) is not { } bus)
            {
                results.Add(PutEventsResultEntry.Invalid("EventBusName",
                    $"event bus {EventBuses.NameOf(entry.EventBusName)} does not exist (ListEventBuses lists the buses; CreateEventBus makes one)."));
                continue;
            }
            // One unit of work per entry: a later entry failing never takes back an earlier one, as in EventBridge.
            var published = await publisher.PublishAsync(entry.Source!, entry.DetailType!, detail!,
                resources: entry.Resources, time: entry.Time, eventBus: bus.Name, cancellationToken: cancellationToken);
            results.Add(PutEventsResultEntry.Published(published.Id));
        }
        return new PutEventsResult(results.Count(r => r.Failed), results);
    }

    /// <returns>The error of the entry, or null with the parsed detail.</returns>
    internal static PutEventsResultEntry? Validate(PutEventsEntry entry, out JsonObject? detail)
    {
        detail = null;
        if (string.IsNullOrWhiteSpace(entry.Source))
            return PutEventsResultEntry.Invalid("Source", "Source is a required argument.");
        if (entry.Source.Length > MaxSourceLength)
            return PutEventsResultEntry.Invalid("Source", $"Source must be at most {MaxSourceLength} characters.");
        // EventBridge keeps "aws." for the services' own events: the shop's engine (aws.states) and schedules
        // (aws.events) publish them through IEventPublisher, never through PutEvents, so no caller can forge one.
        if (entry.Source.StartsWith(PutEventsResultEntry.ReservedSourcePrefix, StringComparison.Ordinal))
            return PutEventsResultEntry.NotAuthorizedForSource();
        if (string.IsNullOrWhiteSpace(entry.DetailType))
            return PutEventsResultEntry.Invalid("DetailType", "DetailType is a required argument.");
        if (entry.DetailType.Length > MaxDetailTypeLength)
            return PutEventsResultEntry.Invalid("DetailType", $"DetailType must be at most {MaxDetailTypeLength} characters.");
        if (string.IsNullOrWhiteSpace(entry.Detail))
            return PutEventsResultEntry.Invalid("Detail", "Detail is a required argument.");
        if (entry.Resources?.FirstOrDefault(r => string.IsNullOrWhiteSpace(r) || r.Length > MaxResourceLength) is not null)
            return PutEventsResultEntry.Invalid("Resources", $"each resource must be 1 to {MaxResourceLength} characters.");

        var size = Encoding.UTF8.GetByteCount(entry.Source) + Encoding.UTF8.GetByteCount(entry.DetailType)
            + Encoding.UTF8.GetByteCount(entry.Detail) + (entry.Resources?.Sum(r => Encoding.UTF8.GetByteCount(r)) ?? 0);
        if (size > Contracts.PutEvents.MaxEntryBytes)
            return PutEventsResultEntry.Invalid("Detail", $"the entry is {size} bytes; at most {Contracts.PutEvents.MaxEntryBytes} are allowed.");

        try
        {
            detail = JsonBody.Parse(entry.Detail, "Detail") as JsonObject;
        }
        catch (InvalidInputException)
        {
            detail = null;
        }
        return detail is null
            ? PutEventsResultEntry.Invalid("Detail", "Detail must be a JSON object, e.g. {\"orderId\": \"order-1\"}.", PutEventsResultEntry.MalformedDetail)
            : null;
    }
}
