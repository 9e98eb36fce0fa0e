using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.PutItem</c>.</summary>
internal static class PutItemOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "Expected", "ConditionalOperator");
        var result = await DynamoDbTables.Send(request, new PutItem(DynamoDbJson.TableName(body),
            DynamoDbJson.Object(body, "Item") ?? throw AwsException.Validation("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null"),
            DynamoDbJson.OptionalString(body, "ConditionExpression"), DynamoDbJson.Arguments(body), ItemShared.ReturnValuesOf(body)), cancellationToken);
        return ItemShared.Attributes(result);
    }
}
