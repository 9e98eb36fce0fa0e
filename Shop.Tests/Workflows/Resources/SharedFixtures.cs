using Xunit;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Resources;

/// <summary>
/// The external fixtures in ../shared/fixtures beside the repository root, read in place (never copied). A worktree
/// elsewhere may point at them with SHOP_SHARED_FIXTURES. Missing: under CI=true the tests fail naming the folder;
/// elsewhere they are skipped naming it.
/// </summary>
internal static class SharedFixtures
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("SHOP_SHARED_FIXTURES") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "fixtures"));

    public static bool Present => Directory.Exists(Folder);

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Read(string relativePath)
    {
        var path = Path.Combine(Folder, relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"The external fixture {path} is missing (../shared/fixtures beside the repository).", path);
        return File.ReadAllText(path);
    }
}

/// <summary>A fact that needs ../shared/fixtures: skipped naming the folder when it is absent, unless CI=true.</summary>
public sealed class SharedFixturesFactAttribute : FactAttribute
{
    public SharedFixturesFactAttribute()
    {
        if (!SharedFixtures.Present && !SharedFixtures.RequiredByCi)
            Skip = $"The external fixtures are not at {SharedFixtures.Folder} (set SHOP_SHARED_FIXTURES, or CI=true to make their absence a failure).";
    }
}
