using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary>PutItem, GetItem, UpdateItem, DeleteItem, Scan and Query: members as the DynamoDB model names them.</summary>
internal static class DynamoDbItems
{
    public static async Task<JsonNode?> PutAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "Expected", "ConditionalOperator");
        var result = await DynamoDbApi.Send(request, new PutItem(DynamoDbJson.TableName(body),
            DynamoDbJson.Object(body, "Item") ?? throw AwsException.Validation("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null"),
            DynamoDbJson.OptionalString(body, "ConditionExpression"), DynamoDbJson.Arguments(body), ReturnValuesOf(body)), cancellationToken);
        return Attributes(result);
    }

    public static async Task<JsonNode?> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "AttributesToGet");
        var result = await DynamoDbApi.Send(request, new GetItem(DynamoDbJson.TableName(body), Key(body),
            DynamoDbJson.OptionalString(body, "ProjectionExpression"), DynamoDbJson.Arguments(body)), cancellationToken);
        return result.Item is null ? new JsonObject() : new JsonObject { ["Item"] = result.Item.DeepClone() };
    }

    public static async Task<JsonNode?> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "AttributeUpdates", "Expected", "ConditionalOperator");
        var result = await DynamoDbApi.Send(request, new UpdateItem(DynamoDbJson.TableName(body), Key(body),
            DynamoDbJson.OptionalString(body, "UpdateExpression"), DynamoDbJson.OptionalString(body, "ConditionExpression"),
            DynamoDbJson.Arguments(body), ReturnValuesOf(body)), cancellationToken);
        return Attributes(result);
    }

    public static async Task<JsonNode?> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "Expected", "ConditionalOperator");
        var result = await DynamoDbApi.Send(request, new DeleteItem(DynamoDbJson.TableName(body), Key(body),
            DynamoDbJson.OptionalString(body, "ConditionExpression"), DynamoDbJson.Arguments(body), ReturnValuesOf(body)), cancellationToken);
        return Attributes(result);
    }

    public static async Task<JsonNode?> ScanAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "ScanFilter", "AttributesToGet", "ConditionalOperator", "Segment", "IndexName");
        var page = await DynamoDbApi.Send(request, new Scan(DynamoDbJson.TableName(body), DynamoDbJson.OptionalString(body, "FilterExpression"),
            DynamoDbJson.OptionalString(body, "ProjectionExpression"), DynamoDbJson.Arguments(body), DynamoDbJson.Int(body, "Limit"),
            DynamoDbJson.Object(body, "ExclusiveStartKey")), cancellationToken);
        return Page(body, page);
    }

    public static async Task<JsonNode?> QueryAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator", "IndexName");
        var page = await DynamoDbApi.Send(request, new Query(DynamoDbJson.TableName(body),
            DynamoDbJson.OptionalString(body, "KeyConditionExpression") ?? throw AwsException.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
            DynamoDbJson.OptionalString(body, "FilterExpression"), DynamoDbJson.OptionalString(body, "ProjectionExpression"),
            DynamoDbJson.Arguments(body), DynamoDbJson.Int(body, "Limit"), DynamoDbJson.Object(body, "ExclusiveStartKey"),
            DynamoDbJson.Bool(body, "ScanIndexForward") ?? true), cancellationToken);
        return Page(body, page);
    }

    private static JsonObject Key(JsonObject body) => DynamoDbJson.Object(body, "Key")
        ?? throw AwsException.Validation("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");

    private static string ReturnValuesOf(JsonObject body) => DynamoDbJson.OptionalString(body, "ReturnValues") ?? ReturnValues.None;

    private static JsonObject Attributes(ItemResult result) =>
        result.Item is null ? new JsonObject() : new JsonObject { ["Attributes"] = result.Item.DeepClone() };

    /// <summary>Select COUNT answers the counts only; ALL_ATTRIBUTES (the default) the items too.</summary>
    private static JsonObject Page(JsonObject body, ItemPage page)
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
