using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.DescribeTable</c>.</summary>
internal static class DescribeTableOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken) =>
        new JsonObject { ["Table"] = DynamoDbTables.Render(request, await DynamoDbTables.Send(request, new DescribeTable(DynamoDbJson.TableName(request.Body)), cancellationToken)) };
}
