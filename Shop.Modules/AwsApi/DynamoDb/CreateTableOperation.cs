using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary><c>DynamoDB_20120810.CreateTable</c>: one HASH and at most one RANGE key; secondary indexes are refused.</summary>
internal static class CreateTableOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
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
        var created = await DynamoDbTables.Send(request, new CreateTable(name, new KeyAttribute(hash[0].Name, definitions[hash[0].Name]),
            range.Count == 0 ? null : new KeyAttribute(range[0].Name, definitions[range[0].Name])), cancellationToken);
        return new JsonObject { ["TableDescription"] = DynamoDbTables.Render(request, created) };
    }
}
