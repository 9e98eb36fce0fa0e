using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Choreography.Definitions;
using Shop.Modules.Choreography.Monitor;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Choreography.Replay;

/// <summary>
/// Runs stored events through a definition in memory (no execution starts) and says, per entity, whether its
/// events conform and where they diverged. Events are read in store order; an entity whose first event in the
/// range is not a start event diverges at once (its start may lie before <c>from</c>). Unlike the live monitor,
/// which cannot fail a run that already succeeded, replay also reports events after the end.
/// </summary>
internal sealed class ReplayChoreographyHandler(ChoreographyRegistry registry, IEventStore store) : IRequestHandler<ReplayChoreography, ReplayReport>
{
    private const int PageSize = 500;
    private const int MaxEvents = 100_000;

    public async ValueTask<ReplayReport> Handle(ReplayChoreography request, CancellationToken cancellationToken)
    {
        var definition = registry.Get(request.Name);
        var body = request.Body switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => throw new InvalidInputException("body", "The body must be a JSON object {\"from\", \"to\"} or {\"entityId\"}."),
        };
        var from = ReadTime(body, "from");
        var to = ReadTime(body, "to");
        if (from > to) throw new InvalidInputException("from", "'from' must not be after 'to'.");
        var entityId = body["entityId"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var id) && id.Length is > 0 and <= 200 => id,
            _ => throw new InvalidInputException("entityId", "'entityId' must be a non-empty string of at most 200 characters."),
        };

        var runs = new Dictionary<string, EntityReplay>(StringComparer.Ordinal);
        var order = new List<string>();
        var scanned = 0;
        for (var page = 1; ; page++)
        {
            var batch = await store.QueryAsync(new EventQuery(From: from, To: to), page, PageSize, cancellationToken);
            foreach (var stored in batch.Items)
            {
                if (++scanned > MaxEvents)
                    throw new InvalidInputException("from", $"The range holds more than {MaxEvents} events; narrow it with 'from' and 'to'.");
                JsonNode node = JsonSerializer.SerializeToNode(stored.Envelope, EventEnvelope.Json)!;
                var isStart = definition.StartPattern.Matches(node);
                if (!isStart && !definition.EventPatterns.Any(p => p.Matches(node))) continue;
                var id = definition.EntityIdOf(node);
                if (id is null || (entityId is not null && id != entityId)) continue;
                if (!runs.TryGetValue(id, out var run))
                {
                    runs[id] = run = new EntityReplay();
                    order.Add(id);
                }
                run.Apply(definition, stored.Envelope, node, isStart);
            }
            if (page * PageSize >= batch.Total) break;
        }

        var entities = order.Select(id => runs[id].Report(id)).ToArray();
        return new ReplayReport(definition.Name, from, to, entityId, entities.Sum(e => e.Events),
            entities.Count(e => e.Conforms), entities.Count(e => !e.Conforms), entities);
    }

    private static DateTimeOffset? ReadTime(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) => time,
        _ => throw new InvalidInputException(field, $"'{field}' must be an ISO 8601 time, e.g. 2026-11-24T10:00:00Z."),
    };

    private sealed class EntityReplay
    {
        private Position? _position;
        private ReplayDivergence? _divergence;
        private int _events;

        public void Apply(Contracts.ChoreographyDefinition definition, EventEnvelope evt, JsonNode node, bool isStart)
        {
            _events++;
            if (_divergence is not null) return;
            if (isStart)
            {
                _position ??= ChoreographyMachine.Start(definition); // a second start is a no-op, as in the live monitor
                return;
            }
            if (_position is null)
            {
                _divergence = new ReplayDivergence(null, evt.Id, evt.DetailType, evt.Time, $"'{evt.DetailType}' came before any start event.");
                return;
            }
            var outcome = ChoreographyMachine.Step(definition, _position, node);
            if (outcome.Allowed) _position = outcome.Next;
            else _divergence = new ReplayDivergence(_position.State, evt.Id, evt.DetailType, evt.Time, outcome.Reason!);
        }

        public ReplayedEntity Report(string id) =>
            new(id, _divergence is null, _position?.Ended == true, _position?.State, _events, _divergence);
    }
}
