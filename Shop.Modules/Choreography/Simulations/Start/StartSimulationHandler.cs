using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography.Simulations.Start;

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
