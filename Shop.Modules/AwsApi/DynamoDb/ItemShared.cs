using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary>What PutItem, GetItem, UpdateItem, DeleteItem, Scan and Query share (each is its own XOperation.cs): members as the DynamoDB model names them.</summary>
internal static class ItemShared
{
    internal static JsonObject Key(JsonObject body) => DynamoDbJson.Object(body, "Key")
        ?? throw AwsException.Validation("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");

    internal static string ReturnValuesOf(JsonObject body) => DynamoDbJson.OptionalString(body, "ReturnValues") ?? ReturnValues.None;

    internal static JsonObject Attributes(ItemResult result) =>
        result.Item is null ? new JsonObject() : new JsonObject { ["Attributes"] = result.Item.DeepClone() };

    /// <summary>Select COUNT answers the counts only; ALL_ATTRIBUTES (the default) the items too.</summary>
    internal static JsonObject Page(JsonObject body, ItemPage page)
    {
        var select = DynamoDbJson.OptionalString(body, "Select") ?? "ALL_ATTRIBUTES";
        if (select is not ("ALL_ATTRIBUTES" or "COUNT" or "SPECIFIC_ATTRIBUTES"))
            throw AwsException.Validation($"1 validation error detected: Value '{select}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES]");
        var result = new JsonObject();
        if (select != "COUNT") result["Items"] = new JsonArray(page.Items.Select(i => (JsonNode)i.DeepClone()).ToArray());
        result["Count"] = page.Items.Count;
        result["ScannedCount"] = page.ScannedCount;
        if (page.LastEvaluatedKey is { } last) result["LastEvaluatedKey"] = last.DeepClone();
        return result;
    }
}
