using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Shop.Tests.Infrastructure;

/// <summary>
/// The real AWS CLI (Debian's awscli, /usr/bin/aws, installed by scripts/install-test-deps.sh) pointed at a
/// started Shop.Web with <c>--endpoint-url</c>, as a user drives it. Any key works (signatures are not checked).
/// </summary>
public sealed class AwsCli(Uri endpoint, string? workingDirectory = null)
{
    public const string Path = "/usr/bin/aws";

    /// <summary>More environment for every run (e.g. <c>HTTP_PROXY</c>), set after the defaults.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public static bool IsInstalled => File.Exists(Path);

    /// <summary>Runs <c>aws {args} --endpoint-url ... --output json</c>; the exit code, stdout and stderr.</summary>
    public async Task<AwsCliResult> RunAsync(params string[] args)
    {
        if (!IsInstalled) throw new InvalidOperationException($"The AWS CLI must be at {Path}: run ./scripts/install-test-deps.sh (test.sh does).");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        foreach (var (key, value) in Environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new AwsCliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command that must succeed; the JSON it printed.</summary>
    public async Task<JsonNode> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Json;
    }

    /// <summary>Runs a command that must fail with AWS's error code: the CLI exits 254 and prints
    /// "An error occurred (Code) when calling the X operation: message".</summary>
    public async Task<AwsCliResult> FailsWithAsync(string code, params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Stderr.Should().Contain($"({code})", result.ToString());
        return result;
    }
}

public sealed record AwsCliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The JSON the CLI printed (an empty object when it printed nothing).</summary>
    public JsonNode Json => string.IsNullOrWhiteSpace(Stdout) ? new JsonObject() : JsonNode.Parse(Stdout)!;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
