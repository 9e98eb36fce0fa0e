using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Shop.Tests.Infrastructure;

/// <summary>
/// Shop.Web as a real process: its own build output of the tests' configuration, run with <c>dotnet Shop.Web.dll</c>
/// from the repository root (as a developer runs it), on a port the OS picks (<see cref="ListeningAddress"/>), healthy
/// before <see cref="StartAsync"/> returns. Browser, AWS CLI and crash tests use it; <see cref="ShopApp"/> is the
/// in-process host for the rest. Settings are environment variables (<c>Workflows__TimeScale</c>, …).
/// Stopping: <see cref="Kill"/> (SIGKILL, for crash tests), <see cref="TerminateAsync"/> (SIGTERM, a graceful stop);
/// disposing kills it and deletes the data folder it created (a folder passed in, e.g. to restart on the same data
/// after a kill, is left to the caller).
/// </summary>
public sealed class ShopServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly ListeningAddress _listening = new();
    private readonly bool _ownsDataFolder;
    private readonly TimeSpan _requestTimeout;

    private ShopServer(Process process, string dataFolder, bool ownsDataFolder, TimeSpan requestTimeout)
    {
        _process = process;
        _ownsDataFolder = ownsDataFolder;
        _requestTimeout = requestTimeout;
        DataFolder = dataFolder;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DataFolder { get; }

    /// <summary>A client of the server, with the request timeout given to <see cref="StartAsync"/>; disposed with the server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every line the process wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> OutputLines
    {
        get { lock (_output) return [.. _output]; }
    }

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', OutputLines);

    public int ExitCode => _process.ExitCode;

    /// <param name="settings">Extra settings, e.g. <c>["Workflows__TimeScale"] = "0.1"</c>; they win over the defaults
    /// (<c>Payments__FailProbability=0</c>, warnings-only logging but for the "Now listening on" line).</param>
    /// <param name="dataFolder">An existing data folder (e.g. to restart after a kill); a fresh one when null.</param>
    /// <param name="requestTimeout">How long <see cref="Client"/> and <see cref="CreateClient"/> wait for an answer (30 s).</param>
    public static async Task<ShopServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataFolder = null,
        TimeSpan? requestTimeout = null)
    {
        var webDll = WebDll();
        if (!File.Exists(webDll)) throw new FileNotFoundException($"Shop.Web is not built at {webDll}; build the solution first.");
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "shop-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);

        var start = new ProcessStartInfo("dotnet")
        {
            // From the repository root, as a developer runs it: the root appsettings.json and Shop.Web/wwwroot are found.
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(ListeningAddress.Urls);
        start.Environment["Shop__DataFolder"] = dataFolder;
        start.Environment["Payments__FailProbability"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ShopServer(process, dataFolder, ownsDataFolder, requestTimeout ?? TimeSpan.FromSeconds(30));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            // Generous: on a loaded 2-core machine with other servers starting, a cold start has taken over 60 s.
            server.BaseAddress = await server._listening.WaitAsync(process, StartTimeout, () => server.Output);
            server.Client = server.CreateClient();
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>A new client of the server (the caller disposes it).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = _requestTimeout };

    /// <summary>SIGKILL, at once: no shutdown, no flush, no goodbye. The data folder stays.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as systemd or docker stop sends it; waits up to <paramref name="wait"/> and returns how long the exit took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(wait);
        await _process.WaitForExitAsync(timeout.Token);
        return clock.Elapsed;
    }

    public void Dispose()
    {
        Kill();
        Client?.Dispose();
        _process.Dispose();
        if (!_ownsDataFolder) return;
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; never fail a test over a temp folder.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync()
    {
        // With the caller's request timeout, not a shorter one: a client that gives up aborts the request, which cancels
        // the health checks under way, and the server logs that as a failed check (crash tests assert no "fail:" line).
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"Shop.Web exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var health = await Client.GetAsync(new Uri("/health", UriKind.Relative));
                return health.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not answering yet, or too slow to answer on a busy machine
            }
        }, done => done, _ => $"Shop.Web was not healthy:\n{Output}", StartTimeout.TotalSeconds);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        _listening.Read(line);
    }

    /// <summary>Shop.Web's own output folder for the configuration the tests were built in (bin/Release/net10.0, …).</summary>
    private static string WebDll()
    {
        var testsProject = Path.Combine(Repository.Root, "Shop.Tests");
        var relativeOutput = Path.GetRelativePath(testsProject, AppContext.BaseDirectory);
        return Path.Combine(Repository.Root, "Shop.Web", relativeOutput, "Shop.Web.dll");
    }
}
