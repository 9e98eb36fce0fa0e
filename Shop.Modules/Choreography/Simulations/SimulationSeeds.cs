using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.SampleData;

namespace Shop.Modules.Choreography.Simulations;

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
