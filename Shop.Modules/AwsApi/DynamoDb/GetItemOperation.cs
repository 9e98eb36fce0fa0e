using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.GetItem</c>.</summary>
internal static class GetItemOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        DynamoDbJson.RefuseLegacy(body, "AttributesToGet");
        var result = await DynamoDbTables.Send(request, new GetItem(DynamoDbJson.TableName(body), ItemShared.Key(body),
            DynamoDbJson.OptionalString(body, "ProjectionExpression"), DynamoDbJson.Arguments(body)), cancellationToken);
        return result.Item is null ? new JsonObject() : new JsonObject { ["Item"] = result.Item.DeepClone() };
    }
}
