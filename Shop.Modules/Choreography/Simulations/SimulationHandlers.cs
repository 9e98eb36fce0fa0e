using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.SampleData;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations;

/// <summary>Checks a simulation, stores it and hands it to <see cref="SimulationRunner"/> once committed.</summary>
internal sealed class StartSimulationHandler(ChoreographyDbContext db, UnitOfWork unitOfWork, SimulationRunner runner, SimulationSeeds seeds, TimeProvider clock)
    : IRequestHandler<StartSimulation, SimulationInfo>
{
    public const int MaxEvents = 1000;
    public const double MaxWaitSeconds = 3600;

    public async ValueTask<SimulationInfo> Handle(StartSimulation request, CancellationToken cancellationToken)
    {
        if (request.Body is not JsonObject body)
            throw new InvalidInputException("body", "The body must be a JSON object {\"events\": [{source, detailType, detail, wait}]} or {\"seed\": \"name\"}.");
        var name = "pasted";
        var eventsNode = body["events"];
        if (body["seed"] is { } seedNode)
        {
            if (eventsNode is not null) throw new InvalidInputException("seed", "Give either 'events' or 'seed', not both.");
            name = seedNode is JsonValue v && v.TryGetValue<string>(out var seed) ? seed : throw new InvalidInputException("seed", "'seed' must be a string.");
            eventsNode = (await seeds.ReadAsync(name, cancellationToken))["events"];
        }
        var events = ReadEvents(eventsNode);
        var now = clock.GetUtcNow();
        var row = new SimulationRow
        {
            Id = "sim-" + Guid.NewGuid().ToString("N")[..16], Name = name, Status = ExecutionStatus.Running, Total = events.Count,
            Events = events.ToJsonString(), CreatedAt = now, UpdatedAt = now,
        };
        await unitOfWork.ExecuteAsync(async ct =>
        {
            db.Simulations.Add(row);
            await db.SaveChangesAsync(ct);
            unitOfWork.AfterCommit(() => runner.EnqueueAsync(row.Id));
        }, cancellationToken);
        return SimulationMapping.ToInfo(row);
    }

    /// <summary>Every entry is checked before anything runs; errors name the entry, e.g. <c>events[2].detailType</c>.</summary>
    internal static JsonArray ReadEvents(JsonNode? node)
    {
        if (node is not JsonArray entries || entries.Count is 0 or > MaxEvents)
            throw new InvalidInputException("events", $"'events' must be an array of 1 to {MaxEvents} {{source, detailType, detail, wait}}.");
        var events = new JsonArray();
        for (var i = 0; i < entries.Count; i++)
        {
            var field = $"events[{i}]";
            if (entries[i] is not JsonObject entry) throw new InvalidInputException(field, $"'{field}' must be an object {{source, detailType, detail, wait}}.");
            var source = Require.Text(entry["source"] is JsonValue s && s.TryGetValue<string>(out var sv) ? sv : null, $"{field}.source", 256);
            var detailType = Require.Text(entry["detailType"] is JsonValue d && d.TryGetValue<string>(out var dv) ? dv : null, $"{field}.detailType", 256);
            var detail = entry["detail"] switch
            {
                null => new JsonObject(),
                JsonObject o => o.DeepClone(),
                _ => throw new InvalidInputException($"{field}.detail", $"'{field}.detail' must be a JSON object."),
            };
            events.Add(new JsonObject { ["source"] = source, ["detailType"] = detailType, ["detail"] = detail, ["wait"] = ReadWait(entry["wait"], $"{field}.wait") });
        }
        return events;
    }

    /// <summary>The seed writes waits as strings ("5"); numbers are fine too.</summary>
    private static double ReadWait(JsonNode? node, string field)
    {
        double seconds;
        switch (node)
        {
            case null:
                return 0;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                seconds = v.GetValue<double>();
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String
                && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                seconds = parsed;
                break;
            default:
                throw new InvalidInputException(field, $"'{field}' must be a number of seconds (or a string holding one).");
        }
        if (double.IsNaN(seconds) || seconds is < 0 or > MaxWaitSeconds)
            throw new InvalidInputException(field, $"'{field}' must be from 0 to {MaxWaitSeconds} seconds.");
        return seconds;
    }
}

internal sealed class DescribeSimulationHandler(ChoreographyDbContext db) : IRequestHandler<DescribeSimulation, SimulationInfo>
{
    public async ValueTask<SimulationInfo> Handle(DescribeSimulation request, CancellationToken cancellationToken)
    {
        var row = await db.Simulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SimulationId, cancellationToken)
            ?? throw new NotFoundException("Simulation", request.SimulationId);
        return SimulationMapping.ToInfo(row);
    }
}

internal sealed class ListSimulationsHandler(ChoreographyDbContext db) : IRequestHandler<ListSimulations, IReadOnlyList<SimulationInfo>>
{
    public async ValueTask<IReadOnlyList<SimulationInfo>> Handle(ListSimulations request, CancellationToken cancellationToken)
    {
        var rows = await db.Simulations.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(20).ToListAsync(cancellationToken);
        return rows.Select(SimulationMapping.ToInfo).ToArray();
    }
}

internal sealed class ListSimulationSeedsHandler(SimulationSeeds seeds) : IRequestHandler<ListSimulationSeeds, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(ListSimulationSeeds request, CancellationToken cancellationToken) => ValueTask.FromResult(seeds.Names());
}

/// <summary>The simulation files of <c>seed/simulations</c>.</summary>
internal sealed class SimulationSeeds(SampleDataSettings settings)
{
    private string Folder => Path.Combine(settings.SeedFolder, "simulations");

    public IReadOnlyList<string> Names() => Directory.Exists(Folder)
        ? Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray()
        : [];

    public async Task<JsonObject> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!Names().Contains(name)) throw new InvalidInputException("seed", $"'seed' must be one of: {string.Join(", ", Names())}.");
        await using var file = File.OpenRead(Path.Combine(Folder, name + ".json"));
        return await JsonNode.ParseAsync(file, cancellationToken: cancellationToken) as JsonObject
            ?? throw new InvalidInputException("seed", $"Seed '{name}' is not a JSON object.");
    }
}

internal static class SimulationMapping
{
    public static SimulationInfo ToInfo(SimulationRow row) =>
        new(row.Id, row.Name, row.Status, row.Published, row.Total, row.Error, row.CreatedAt, row.UpdatedAt);
}
