using System.Diagnostics;

namespace Shop.Tests.Infrastructure;

/// <summary>
/// Where a started Shop.Web listens, read from its "Now listening on:" line. The process is given <see cref="Urls"/>
/// (port 0) so that the OS picks the port at the moment the server binds it: a port found free beforehand could be
/// taken meanwhile by another test's server, and the test would then drive that one without noticing.
/// </summary>
internal sealed class ListeningAddress
{
    public const string Urls = "http://127.0.0.1:0";

    private const string Marker = "Now listening on: ";

    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Give it every line the process writes.</summary>
    public void Read(string line)
    {
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0) _address.TrySetResult(new Uri(line[(at + Marker.Length)..].Trim()));
    }

    public async Task<Uri> WaitAsync(Process process, TimeSpan timeout, Func<string> output)
    {
        var clock = Stopwatch.StartNew();
        while (!_address.Task.IsCompleted)
        {
            if (process.HasExited) throw new InvalidOperationException($"Shop.Web exited with {process.ExitCode} before listening:\n{output()}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"Shop.Web did not say where it listens within {timeout.TotalSeconds} s:\n{output()}");
            await Task.WhenAny(_address.Task, Task.Delay(100));
        }
        return await _address.Task;
    }
}
