namespace Shop.Modules.Kernel.SampleData;

/// <summary>
/// A module's share of the sample data in the seed folder (like the seed's <c>load.sh</c>). Implementations
/// are scoped and registered with <see cref="SampleDataModule.AddSampleDataSet{T}"/>.
/// </summary>
public interface ISampleData
{
    /// <summary>Name of the data set, e.g. "items"; the key of its count in the reload answer.</summary>
    string Name { get; }

    /// <summary>True when the module holds none of this data yet (first start).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Writes every seed record, overwriting existing ones with the same id; runs inside a unit of work.</summary>
    /// <returns>How many records were written.</returns>
    Task<int> LoadAsync(string seedFolder, CancellationToken cancellationToken);
}

/// <summary>Where the seed files are (setting <c>Shop:SeedFolder</c>, resolved to an absolute path).</summary>
public sealed record SampleDataSettings(string SeedFolder);

/// <summary>Reads a JSON array from the seed folder (camelCase names); a missing file is an empty set.</summary>
public static class SeedFile
{
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(string seedFolder, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(seedFolder, fileName);
        if (!File.Exists(path)) return [];
        await using var stream = File.OpenRead(path);
        return await System.Text.Json.JsonSerializer.DeserializeAsync<List<T>>(stream, Options, cancellationToken) ?? [];
    }

    public static IReadOnlyList<T> Read<T>(string seedFolder, string fileName)
    {
        var path = Path.Combine(seedFolder, fileName);
        if (!File.Exists(path)) return [];
        return System.Text.Json.JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), Options) ?? [];
    }

    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);
}
