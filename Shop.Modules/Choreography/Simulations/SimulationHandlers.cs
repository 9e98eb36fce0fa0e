using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.SampleData;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations;

/// <summary>Checks a simulation and starts the <see cref="SimulationWorkflow"/> with the seed's input <c>{"events": [...]}</c>.</summary>
internal sealed class StartSimulationHandler(IWorkflowEngine engine, UnitOfWork unitOfWork, SimulationSeeds seeds, Microsoft.Extensions.Configuration.IConfiguration configuration)
    : IRequestHandler<StartSimulation, SimulationInfo>
{
    /// <summary>Simulations running at once (<c>Choreography:MaxRunningSimulations</c>): each publishes events on the shop's bus.</summary>
    public const int DefaultMaxRunning = 20;

    /// <summary>Every step's history holds the events: a simulation is a demonstration, not a load test.</summary>
    public const int MaxEvents = 200;
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
        // Checked here too, so that a bad simulation is a 400 rather than a failed execution.
        ReadEvents(eventsNode);
        var input = new JsonObject { ["events"] = eventsNode!.DeepClone() };
        var maxRunning = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "Choreography:MaxRunningSimulations", DefaultMaxRunning);
        if (await engine.CountRunningAsync(SimulationWorkflow.Name, cancellationToken) >= maxRunning)
            throw new TooManyRequestsException("Too many simulations", $"{maxRunning} simulations are running; start another once one has ended or stop one.");
        var executionName = $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 80)];
        var started = await unitOfWork.ExecuteAsync(ct => engine.StartAsync(SimulationWorkflow.Name, input, executionName, ct), cancellationToken);
        return await SimulationMapping.ToInfoAsync(engine, started.ExecutionId, cancellationToken);
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

internal sealed class DescribeSimulationHandler(IWorkflowEngine engine) : IRequestHandler<DescribeSimulation, SimulationInfo>
{
    public async ValueTask<SimulationInfo> Handle(DescribeSimulation request, CancellationToken cancellationToken)
    {
        ExecutionDescription execution;
        try
        {
            execution = await engine.DescribeAsync(request.SimulationId, cancellationToken);
        }
        catch (DomainException e) when (e.StatusCode is 400 or 404)
        {
            throw new NotFoundException("Simulation", request.SimulationId);
        }
        if (execution.Workflow != SimulationWorkflow.Name) throw new NotFoundException("Simulation", request.SimulationId);
        return await SimulationMapping.ToInfoAsync(engine, execution, cancellationToken);
    }
}

internal sealed class ListSimulationsHandler(IWorkflowEngine engine) : IRequestHandler<ListSimulations, IReadOnlyList<SimulationInfo>>
{
    public async ValueTask<IReadOnlyList<SimulationInfo>> Handle(ListSimulations request, CancellationToken cancellationToken)
    {
        var page = await engine.ListAsync(SimulationWorkflow.Name, cancellationToken: cancellationToken);
        var list = new List<SimulationInfo>();
        foreach (var execution in page.Executions.Take(20)) list.Add(await SimulationMapping.ToInfoAsync(engine, execution.ExecutionId, cancellationToken));
        return list;
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

/// <summary>A simulation is an execution of <see cref="SimulationWorkflow"/>: its progress is its history's PutEvents.</summary>
internal static class SimulationMapping
{
    public static async Task<SimulationInfo> ToInfoAsync(IWorkflowEngine engine, string executionId, CancellationToken ct) =>
        await ToInfoAsync(engine, await engine.DescribeAsync(executionId, ct), ct);

    public static async Task<SimulationInfo> ToInfoAsync(IWorkflowEngine engine, ExecutionDescription execution, CancellationToken ct)
    {
        var history = await engine.GetHistoryAsync(execution.ExecutionId, ct);
        var published = history.Count(h => h.Type == "TaskSucceeded" && h.State == SimulationWorkflow.PutEvents);
        var total = execution.Input?["events"] is JsonArray events ? events.Count : 0;
        var error = execution.Error is null ? null : $"{execution.Error}: {execution.Cause}";
        var updated = execution.StopDate ?? (history.Count > 0 ? history[^1].Timestamp : execution.StartDate);
        return new SimulationInfo(execution.ExecutionId, execution.Name, execution.Status, published, total, error, execution.StartDate, updated);
    }
}
