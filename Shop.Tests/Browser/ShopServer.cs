using System.Diagnostics;
using System.Net;
using System.Text;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Browser;

/// <summary>
/// Shop.Web as a real process (its own build output, run with <c>dotnet Shop.Web.dll</c>) on a free loopback
/// port, with a fresh data folder. Settings are passed as environment variables (<c>Shop__DataFolder</c>, …).
/// Browser and crash tests use it; <see cref="DisposeAsync"/> kills it and deletes the data folder it created
/// (a folder passed in, e.g. to restart after a kill, is left to the caller).
/// </summary>
public sealed class ShopServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsDataFolder;
    private readonly ListeningAddress _listening = new();

    private ShopServer(Process process, string dataFolder, bool ownsDataFolder)
    {
        _process = process;
        _ownsDataFolder = ownsDataFolder;
        DataFolder = dataFolder;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DataFolder { get; }

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <param name="settings">Extra settings, e.g. <c>["Payments__FailProbability"] = "0"</c>.</param>
    /// <param name="dataFolder">An existing data folder (e.g. to restart after a kill); a fresh one when null.</param>
    public static async Task<ShopServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataFolder = null)
    {
        var webDll = WebDll();
        if (!File.Exists(webDll)) throw new FileNotFoundException($"Shop.Web is not built at {webDll}; build the solution first.");
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "shop-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);

        var start = new ProcessStartInfo("dotnet")
        {
            // From the repository root, as a developer runs it: the root appsettings.json and Shop.Web/wwwroot are found.
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(ListeningAddress.Urls);
        start.Environment["Shop__DataFolder"] = dataFolder;
        start.Environment["Payments__FailProbability"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ShopServer(process, dataFolder, ownsDataFolder);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            // Generous: on a loaded 2-core machine with other servers starting, a cold start has taken over 60 s.
            server.BaseAddress = await server._listening.WaitAsync(process, TimeSpan.FromSeconds(180), () => server.Output);
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Kills the process at once (SIGKILL), keeping the data folder: for crash tests.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (!_ownsDataFolder) return;
        await Task.Delay(100);
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; never fail a test over a temp folder.
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Shop.Web exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Shop.Web was not healthy within {timeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        _listening.Read(line);
    }

    /// <summary>Shop.Web's own output folder for the configuration the tests were built in (bin/Release/net10.0, …).</summary>
    private static string WebDll()
    {
        var testsProject = Path.Combine(RepositoryRoot, "Shop.Tests");
        var relativeOutput = Path.GetRelativePath(testsProject, AppContext.BaseDirectory);
        return Path.Combine(RepositoryRoot, "Shop.Web", relativeOutput, "Shop.Web.dll");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shop.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Shop.sln not found above " + AppContext.BaseDirectory);
    }
}
