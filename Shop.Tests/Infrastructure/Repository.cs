namespace Shop.Tests.Infrastructure;

/// <summary>Where the repository is (the folder holding Shop.sln above the test output), for its files: seed/, Shop.Web, fixtures.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The sample data Shop.Web loads into an empty database (customers.json, items.json, places.json, simulations/).</summary>
    public static string SeedFolder => Path.Combine(Root, "seed");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shop.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Shop.sln not found above " + AppContext.BaseDirectory);
    }
}
