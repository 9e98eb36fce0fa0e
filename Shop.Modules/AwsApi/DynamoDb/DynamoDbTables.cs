using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary>What the table and item operations share: sending to the Tables module, and a table as DynamoDB describes it.</summary>
internal static class DynamoDbTables
{
    internal static async Task<T> Send<T>(AwsRequest request, IRequest<T> message, CancellationToken cancellationToken) =>
        await request.Services.GetRequiredService<IMediator>().Send(message, cancellationToken);

    internal static JsonObject Render(AwsRequest request, TableDescription table)
    {
        var keys = new JsonArray { new JsonObject { ["AttributeName"] = table.HashKey.Name, ["KeyType"] = "HASH" } };
        var definitions = new JsonArray { new JsonObject { ["AttributeName"] = table.HashKey.Name, ["AttributeType"] = table.HashKey.Type } };
        if (table.RangeKey is { } range)
        {
            keys.Add(new JsonObject { ["AttributeName"] = range.Name, ["KeyType"] = "RANGE" });
            definitions.Add(new JsonObject { ["AttributeName"] = range.Name, ["AttributeType"] = range.Type });
        }
        return new JsonObject
        {
            ["AttributeDefinitions"] = definitions,
            ["TableName"] = table.Name,
            ["KeySchema"] = keys,
            ["TableStatus"] = "ACTIVE",
            ["CreationDateTime"] = table.CreatedAt.ToUnixTimeMilliseconds() / 1000.0,
            ["ProvisionedThroughput"] = new JsonObject { ["NumberOfDecreasesToday"] = 0, ["ReadCapacityUnits"] = 0, ["WriteCapacityUnits"] = 0 },
            ["TableSizeBytes"] = table.SizeBytes,
            ["ItemCount"] = table.ItemCount,
            ["TableArn"] = request.Services.GetRequiredService<AwsArns>().Table(table.Name),
            ["BillingModeSummary"] = new JsonObject { ["BillingMode"] = "PAY_PER_REQUEST" },
        };
    }
}
