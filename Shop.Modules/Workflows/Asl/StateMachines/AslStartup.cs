using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// At start, before the engine's worker resumes anything: compiles and registers every stored state machine
/// revision, then creates or updates the machines of <c>workflows/*.asl.json</c> (name = file name).
/// </summary>
internal sealed class AslStartup(IServiceScopeFactory scopes, AslFolder folder, ILogger<AslStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var machines = scope.ServiceProvider.GetRequiredService<StateMachines>();
        await machines.LoadAsync(cancellationToken);
        if (folder.Path is not { } path || !Directory.Exists(path)) return;
        foreach (var file in Directory.GetFiles(path, "*.asl.json").Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(file)[..^".asl.json".Length];
            try
            {
                await machines.PutAsync(name, await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDefinitionException or Kernel.Http.DomainException or IOException)
            {
                // One bad file must not keep the shop from starting; it says which file and why.
                logger.LogError("State machine file {File} was not loaded: {Reason}", file, ex.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where <c>*.asl.json</c> files are read from at start (null: nowhere).</summary>
internal sealed record AslFolder(string? Path);
