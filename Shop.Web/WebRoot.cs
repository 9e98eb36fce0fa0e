using Microsoft.Extensions.FileProviders;

namespace Shop.Web;

/// <summary>
/// Where the admin console's static files are: the content root's wwwroot when it has the npm files
/// (dotnet run, tests), else Shop.Web/wwwroot under the repository root, else the copy next to the binaries.
/// </summary>
internal static class WebRoot
{
    public static StaticFileOptions Files(IWebHostEnvironment environment, SettingsFile settings)
    {
        string?[] candidates =
        [
            environment.WebRootPath,
            Path.Combine(settings.Root, "Shop.Web", "wwwroot"),
            Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        ];
        var existing = candidates.Where(c => c is not null && Directory.Exists(c)).Select(c => c!).ToList();
        var root = existing.FirstOrDefault(c => File.Exists(Path.Combine(c, "lib", "htmx.min.js"))) ?? existing.FirstOrDefault();
        return root is null ? new StaticFileOptions() : new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) };
    }
}
