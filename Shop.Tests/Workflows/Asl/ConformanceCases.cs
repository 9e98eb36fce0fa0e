using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Asl;

/// <summary>
/// The AWS-recorded ASL cases in ../shared/asl-conformance/cases, read in place (never copied into the repository).
/// Missing folder: under CI=true every theory fails naming it; elsewhere the theory is skipped naming it.
/// </summary>
internal static class ConformanceCases
{
    public static string Folder { get; } = FindFolder();

    public static bool Present => Directory.Exists(Folder);

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// ../shared/asl-conformance/cases beside the repository root; from a git worktree nested deeper, the nearest
    /// ancestor that has shared/asl-conformance.
    /// </summary>
    private static string FindFolder()
    {
        var beside = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "asl-conformance", "cases"));
        for (var up = Directory.GetParent(Repository.Root); up is not null && !Directory.Exists(beside); up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "asl-conformance", "cases");
            if (Directory.Exists(candidate)) return candidate;
        }
        return beside;
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        if (!Present)
        {
            // One row that fails (CI) or is skipped by the attribute: the folder's absence is reported, not hidden.
            data.Add("(missing)");
            return data;
        }
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    public static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject();
}

/// <summary>A theory over the conformance cases, skipped (naming the folder) when they are absent outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (!ConformanceCases.Present && !ConformanceCases.RequiredByCi)
            Skip = $"The ASL conformance cases are not at {ConformanceCases.Folder} (set CI=true to make their absence a failure).";
    }
}
