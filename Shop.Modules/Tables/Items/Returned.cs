using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Tables.Items;

/// <summary>What a write answers with, per its ReturnValues.</summary>
internal static class Returned
{
    public static string Check(string? returnValues, params string[] allowed)
    {
        var value = string.IsNullOrEmpty(returnValues) ? ReturnValues.None : returnValues;
        return allowed.Contains(value) || value == ReturnValues.None ? value : throw TableException.Validation("Return values set to invalid value");
    }

    public static ItemResult Of(string returnValues, JsonObject? old, JsonObject? @new, IReadOnlySet<string>? updated = null) => new(returnValues switch
    {
        ReturnValues.AllOld => old,
        ReturnValues.AllNew => @new,
        ReturnValues.UpdatedOld => Only(old, updated),
        ReturnValues.UpdatedNew => Only(@new, updated),
        _ => null,
    });

    private static JsonObject? Only(JsonObject? item, IReadOnlySet<string>? names)
    {
        if (item is null || names is null) return null;
        var result = new JsonObject();
        foreach (var name in names) if (item[name] is { } value) result[name] = value.DeepClone();
        return result.Count == 0 ? null : result;
    }
}
