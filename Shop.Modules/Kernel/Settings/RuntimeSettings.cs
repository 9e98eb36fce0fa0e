using Microsoft.Extensions.Configuration;

namespace Shop.Modules.Kernel.Settings;

/// <summary>
/// Settings changed while the shop runs (admin settings page, settings APIs). A configuration source added
/// last, so its values override appsettings.json, environment and command line, and every reader of
/// IConfiguration / IOptionsMonitor sees a change at once. Kept in memory: a restart returns to the file.
/// </summary>
public sealed class RuntimeSettings : ConfigurationProvider, IConfigurationSource
{
    private readonly Lock _lock = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Sets (or, with null, clears) one value and tells every configuration reader.</summary>
    public void Change(string key, string? value)
    {
        lock (_lock)
        {
            if (value is null) Data.Remove(key); else Data[key] = value;
        }
        OnReload();
    }

    /// <summary>The keys changed at run time, for display.</summary>
    public IReadOnlyDictionary<string, string?> Overrides
    {
        get
        {
            lock (_lock) return new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);
        }
    }
}
