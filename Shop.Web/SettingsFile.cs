namespace Shop.Web;

/// <summary>
/// The one settings file is appsettings.json at the repository root. Whether the host starts from the
/// root (`dotnet run --project Shop.Web`), from Shop.Web, or from its bin folder, we find that file and
/// read it in place of the default, so every relative path in it means "relative to the root".
/// </summary>
internal sealed class SettingsFile(string root)
{
    public string Root { get; } = root;

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));

    public static SettingsFile UseRepositoryRoot(WebApplicationBuilder builder)
    {
        var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory) ?? AppContext.BaseDirectory;
        var path = Path.Combine(root, "appsettings.json");

        // Replace the content-root appsettings source in place, so environment variables and the command
        // line (added after it) still override the file.
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource j && j.Path == "appsettings.json");
        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = path,
            Optional = false,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        if (index >= 0) sources[index] = source; else sources.Insert(0, source);
        return new SettingsFile(root);
    }

    /// <summary>The nearest folder upwards with Shop.sln and appsettings.json; the bin folder has only the latter.</summary>
    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "appsettings.json"))
                && (File.Exists(Path.Combine(dir.FullName, "Shop.sln")) || File.Exists(Path.Combine(dir.FullName, "Shop.Web.dll"))))
                return dir.FullName;
        }
        return null;
    }
}
