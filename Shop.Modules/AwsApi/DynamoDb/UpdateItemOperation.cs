using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.UpdateItem</c>.</summary>
internal static class UpdateItemOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "AttributeUpdates", "Expected", "ConditionalOperator");
        var result = await DynamoDbTables.Send(request, new UpdateItem(DynamoDbJson.TableName(body), ItemShared.Key(body),
            DynamoDbJson.OptionalString(body, "UpdateExpression"), DynamoDbJson.OptionalString(body, "ConditionExpression"),
            DynamoDbJson.Arguments(body), ItemShared.ReturnValuesOf(body)), cancellationToken);
        return ItemShared.Attributes(result);
    }
}
