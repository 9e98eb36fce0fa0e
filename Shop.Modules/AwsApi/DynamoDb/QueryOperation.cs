using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.Query</c>.</summary>
internal static class QueryOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator", "IndexName");
        var page = await DynamoDbTables.Send(request, new Query(DynamoDbJson.TableName(body),
            DynamoDbJson.OptionalString(body, "KeyConditionExpression") ?? throw AwsException.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
            DynamoDbJson.OptionalString(body, "FilterExpression"), DynamoDbJson.OptionalString(body, "ProjectionExpression"),
            DynamoDbJson.Arguments(body), DynamoDbJson.Int(body, "Limit"), DynamoDbJson.Object(body, "ExclusiveStartKey"),
            DynamoDbJson.Bool(body, "ScanIndexForward") ?? true), cancellationToken);
        return ItemShared.Page(body, page);
    }
}
