using System.Diagnostics;
using System.Net;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Crash;

/// <summary>Shop.Web as a real process (the Release/Debug build next to the tests), on a free loopback port.</summary>
internal sealed class ShopProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly ListeningAddress _listening = new();

    private ShopProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output.TakeLast(40)); }
    }

    /// <param name="requestTimeout">How long <see cref="Client"/> waits for an answer (10 s).</param>
    public static async Task<ShopProcess> StartAsync(string dataFolder, IDictionary<string, string> settings, TimeSpan? requestTimeout = null)
    {
        var dll = FindShopWeb();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(ListeningAddress.Urls);
        info.Environment["Shop__DataFolder"] = dataFolder;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings) info.Environment[key] = value;

        var shop = new ShopProcess(Process.Start(info)!);
        shop._process.OutputDataReceived += (_, e) => shop.Keep(e.Data);
        shop._process.ErrorDataReceived += (_, e) => shop.Keep(e.Data);
        shop._process.BeginOutputReadLine();
        shop._process.BeginErrorReadLine();
        shop.Address = await shop._listening.WaitAsync(shop._process, TimeSpan.FromSeconds(180), () => shop.Output);
        shop.Client = new HttpClient { BaseAddress = shop.Address, Timeout = requestTimeout ?? TimeSpan.FromSeconds(10) };
        await shop.WaitHealthyAsync();
        return shop;
    }

    /// <summary>Every line the process wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> AllOutput
    {
        get { lock (_output) return [.. _output]; }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM, as systemd or docker stop sends it; waits up to <paramref name="wait"/> and returns how long the exit took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(wait);
        await _process.WaitForExitAsync(timeout.Token);
        return clock.Elapsed;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        Client?.Dispose();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        _listening.Read(line);
    }

    private async Task WaitHealthyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Shop.Web exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or too slow to answer on a busy machine
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Shop.Web did not become healthy:\n{Output}");
    }

    /// <summary>Shop.Web.dll from the build of the same configuration as the tests.</summary>
    private static string FindShopWeb()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Shop.sln"))) continue;
            var dll = Path.Combine(dir.FullName, "Shop.Web", "bin", configuration, "net10.0", "Shop.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Shop.Web first.", dll);
        }
        throw new DirectoryNotFoundException("Shop.sln not found above " + here);
    }
}
