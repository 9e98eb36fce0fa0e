using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary>
/// DynamoDB (AWS JSON 1.0, <c>X-Amz-Target: DynamoDB_20120810.{Operation}</c>) over the Tables module: the table
/// operations and the item operations with expressions. Errors carry DynamoDB's qualified <c>__type</c>.
/// </summary>
internal static class DynamoDbApi
{
    public const string TargetPrefix = "DynamoDB_20120810";

    public static IServiceCollection AddDynamoDbApi(this IServiceCollection services) =>
        services.AddAwsService(TargetPrefix, AwsService.Json10, new Dictionary<string, AwsOperation>(StringComparer.Ordinal)
        {
            ["CreateTable"] = Wrap(CreateTableAsync),
            ["DescribeTable"] = Wrap(async (r, ct) => new JsonObject { ["Table"] = Render(r, await Send(r, new DescribeTable(DynamoDbJson.TableName(r.Body)), ct)) }),
            ["DeleteTable"] = Wrap(async (r, ct) => new JsonObject { ["TableDescription"] = Render(r, await Send(r, new DeleteTable(DynamoDbJson.TableName(r.Body)), ct)) }),
            ["ListTables"] = Wrap(ListTablesAsync),
            ["PutItem"] = Wrap(DynamoDbItems.PutAsync),
            ["GetItem"] = Wrap(DynamoDbItems.GetAsync),
            ["UpdateItem"] = Wrap(DynamoDbItems.UpdateAsync),
            ["DeleteItem"] = Wrap(DynamoDbItems.DeleteAsync),
            ["Scan"] = Wrap(DynamoDbItems.ScanAsync),
            ["Query"] = Wrap(DynamoDbItems.QueryAsync),
        });

    /// <summary>DynamoDB answers <c>com.amazonaws.dynamodb.v20120810#Code</c> in <c>__type</c>; the SDKs keep the part after '#'.</summary>
    private static AwsOperation Wrap(AwsOperation operation) => async (request, cancellationToken) =>
    {
        try
        {
            return await operation(request, cancellationToken);
        }
        catch (TableException error)
        {
            throw new AwsException(DynamoDbJson.Qualified(error.ErrorCode ?? TableErrors.Validation), error.Message);
        }
        catch (AwsException error) when (!error.Code.Contains('#', StringComparison.Ordinal))
        {
            throw new AwsException(DynamoDbJson.Qualified(error.Code), error.Message, error.StatusCode);
        }
    };

    public static async Task<T> Send<T>(AwsRequest request, IRequest<T> message, CancellationToken cancellationToken) =>
        await request.Services.GetRequiredService<IMediator>().Send(message, cancellationToken);

    private static async Task<JsonNode?> CreateTableAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var name = DynamoDbJson.TableName(body);
        foreach (var member in new[] { "GlobalSecondaryIndexes", "LocalSecondaryIndexes" })
            if (body[member] is JsonArray { Count: > 0 })
                throw AwsException.Validation($"{member} are not supported by the shop's local tables (key lookups, queries and scans only).");
        var definitions = DynamoDbJson.Array(body, "AttributeDefinitions").ToDictionary(
            d => DynamoDbJson.String(d, "AttributeName"), d => DynamoDbJson.String(d, "AttributeType"));
        var schema = DynamoDbJson.Array(body, "KeySchema").Select(k => (Name: DynamoDbJson.String(k, "AttributeName"), Type: DynamoDbJson.String(k, "KeyType"))).ToList();
        var hash = schema.Where(k => k.Type == "HASH").ToList();
        var range = schema.Where(k => k.Type == "RANGE").ToList();
        if (hash.Count != 1 || range.Count > 1 || schema.Count != hash.Count + range.Count)
            throw AwsException.Validation("1 validation error detected: Invalid KeySchema: The first KeySchemaElement is not a HASH key type (one HASH and at most one RANGE key)");
        if (definitions.Count != schema.Count || schema.Any(k => !definitions.ContainsKey(k.Name)))
            throw AwsException.Validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        var created = await Send(request, new CreateTable(name, new KeyAttribute(hash[0].Name, definitions[hash[0].Name]),
            range.Count == 0 ? null : new KeyAttribute(range[0].Name, definitions[range[0].Name])), cancellationToken);
        return new JsonObject { ["TableDescription"] = Render(request, created) };
    }

    private static async Task<JsonNode?> ListTablesAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var limit = DynamoDbJson.Int(request.Body, "Limit") ?? 100;
        var list = await Send(request, new ListTables(DynamoDbJson.OptionalString(request.Body, "ExclusiveStartTableName"), limit), cancellationToken);
        var result = new JsonObject { ["TableNames"] = new JsonArray(list.Names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()) };
        if (list.LastEvaluatedTableName is { } last) result["LastEvaluatedTableName"] = last;
        return result;
    }

    private static JsonObject Render(AwsRequest request, TableDescription table)
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
