using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.Scan</c>.</summary>
internal static class ScanOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "ScanFilter", "AttributesToGet", "ConditionalOperator", "Segment", "IndexName");
        var page = await DynamoDbTables.Send(request, new Scan(DynamoDbJson.TableName(body), DynamoDbJson.OptionalString(body, "FilterExpression"),
            DynamoDbJson.OptionalString(body, "ProjectionExpression"), DynamoDbJson.Arguments(body), DynamoDbJson.Int(body, "Limit"),
            DynamoDbJson.Object(body, "ExclusiveStartKey")), cancellationToken);
        return ItemShared.Page(body, page);
    }
}
