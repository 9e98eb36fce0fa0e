using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.ListTables</c>.</summary>
internal static class ListTablesOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var limit = DynamoDbJson.Int(request.Body, "Limit") ?? 100;
        var list = await DynamoDbTables.Send(request, new ListTables(DynamoDbJson.OptionalString(request.Body, "ExclusiveStartTableName"), limit), cancellationToken);
        var result = new JsonObject { ["TableNames"] = new JsonArray(list.Names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()) };
        if (list.LastEvaluatedTableName is { } last) result["LastEvaluatedTableName"] = last;
        return result;
    }
}
