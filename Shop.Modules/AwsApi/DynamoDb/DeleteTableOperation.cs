using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.DeleteTable</c>.</summary>
internal static class DeleteTableOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken) =>
        new JsonObject { ["TableDescription"] = DynamoDbTables.Render(request, await DynamoDbTables.Send(request, new DeleteTable(DynamoDbJson.TableName(request.Body)), cancellationToken)) };
}
