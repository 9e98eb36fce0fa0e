using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Modules.Kernel;

namespace Shop.Tests.Infrastructure;

/// <summary>
/// Shop.Web in process, on a real SQLite file in a fresh temp folder. Settings can be overridden per test
/// (e.g. <c>Payments:FailProbability</c>), and services replaced (clock, random source).
/// </summary>
public sealed class ShopApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];

    public ShopApp()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "shop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        _settings["Shop:DataFolder"] = DataFolder;
        // Its own copy of seed/: the same sample data at start, and a folder the builders can write to (Builders/SampleDataFiles).
        SeedFolder = Path.Combine(DataFolder, "seed");
        CopyFolder(Repository.SeedFolder, SeedFolder);
        _settings["Shop:SeedFolder"] = SeedFolder;
        // Deterministic payments unless a test asks for failures.
        _settings["Payments:FailProbability"] = "0";
        // A failing delivery is retried within a second, not a minute, so tests that provoke one stay short.
        _settings["Events:RetryBaseDelay"] = "00:00:00.050";
    }

    public string DataFolder { get; }

    /// <summary>The sample data this app loads (a copy of the repository's seed/); builders add records through it.</summary>
    public string SeedFolder { get; }

    /// <summary>One builder at a time rewrites <see cref="SeedFolder"/> and reloads it.</summary>
    internal SemaphoreSlim SeedLock { get; } = new(1, 1);

    public ShopApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public ShopApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public ShopApp WithRandom(IRandomSource random) =>
        WithServices(s => s.Replace(ServiceDescriptor.Singleton(random)));

    public ShopApp WithClock(TimeProvider clock) =>
        WithServices(s => s.Replace(ServiceDescriptor.Singleton(clock)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services) configure(services);
        });
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SeedLock.Dispose();
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background thread; the temp folder is cleaned by the OS eventually.
        }
    }
}
