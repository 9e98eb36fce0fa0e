using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Shop.Bench;

/// <summary>
/// Shop.Web as its own process (the build next to the bench) on a free loopback port, with a temp data folder,
/// payments that never fail, and a copy of the sample data whose item-3 has enough stock for the whole run.
/// </summary>
internal sealed class ShopServer : IDisposable
{
    private readonly Process _process;
    private bool _keep;

    private ShopServer(Process process, Uri address, string dataFolder)
    {
        _process = process;
        Address = address;
        DataFolder = dataFolder;
    }

    public Uri Address { get; }

    public string DataFolder { get; }

    public int ProcessId => _process.Id;

    /// <summary>Dispose keeps the data folder (another server goes on with it).</summary>
    public void KeepData() => _keep = true;

    public string DatabasePath => Path.Combine(DataFolder, "shop.db");

    /// <param name="synchronous">Database:Synchronous (Normal or Full).</param>
    /// <param name="workers">Workflows:Workers (0: the server's default).</param>
    /// <param name="dataFolder">An existing data folder to start on again (after <see cref="Kill"/>), or null for a new one.</param>
    public static async Task<ShopServer> StartAsync(int stock, string synchronous, int workers = 0, string? dataFolder = null)
    {
        var root = RepositoryRoot();
        // SHOP_BENCH_WEB_DLL: another build of Shop.Web (e.g. a copy of the one before a change), to compare two in one sitting.
        var dll = Environment.GetEnvironmentVariable("SHOP_BENCH_WEB_DLL") is { Length: > 0 } other
            ? Path.GetFullPath(other)
            : Path.Combine(root, "Shop.Web", "bin", Configuration(), "net10.0", "Shop.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build Shop.Web first (dotnet build Shop.Web -c Release).", dll);

        var fresh = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "shop-bench", Guid.NewGuid().ToString("N"));
        var seedFolder = Path.Combine(dataFolder, "seed");
        if (fresh)
        {
            Directory.CreateDirectory(seedFolder);
            foreach (var file in Directory.GetFiles(Path.Combine(root, "seed"))) File.Copy(file, Path.Combine(seedFolder, Path.GetFileName(file)));
            var items = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(seedFolder, "items.json")))!.AsArray();
            foreach (var item in items.Where(i => (string?)i!["itemId"] == "item-3")) item!["available"] = Math.Max(stock, 100);
            await File.WriteAllTextAsync(Path.Combine(seedFolder, "items.json"), items.ToJsonString());
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        info.Environment["Shop__DataFolder"] = dataFolder;
        info.Environment["Shop__SeedFolder"] = seedFolder;
        info.Environment["Payments__FailProbability"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Database__Synchronous"] = synchronous;
        if (workers > 0) info.Environment["Workflows__Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The Bench.Timer workflow (timer load).
        info.Environment["Bench__Workflows"] = "true";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        // Drain the output so the server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[shop] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ShopServer(process, address, dataFolder);
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>The resident set's high-water mark, from /proc (Linux).</summary>
    public string PeakMemory()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return "n/a (no /proc)";
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? "n/a" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024} MiB";
    }

    /// <summary>CPU time the server has used so far (user + system, from /proc), or null where there is no /proc.</summary>
    public TimeSpan? CpuTime()
    {
        var stat = $"/proc/{_process.Id}/stat";
        if (!File.Exists(stat)) return null;
        // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
        var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Stops the process (SIGKILL) and keeps its data folder, to start again on it.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        if (_keep) return;
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Shop.Web exited with {_process.ExitCode}.");
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("Shop.Web did not become healthy in 90 s.");
    }

    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Shop.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Shop.sln not found above the current folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
