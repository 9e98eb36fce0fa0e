using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary>Reading DynamoDB request members: a missing or mistyped member is a ValidationException naming it.</summary>
internal static class DynamoDbJson
{
    public static string Qualified(string code) => "com.amazonaws.dynamodb.v20120810#" + code;

    public static string TableName(JsonObject body) => String(body, "TableName");

    public static string String(JsonNode? node, string member) =>
        OptionalString(node, member) ?? throw AwsException.Validation($"1 validation error detected: Value null at '{Camel(member)}' failed to satisfy constraint: Member must not be null");

    public static string? OptionalString(JsonNode? node, string member) => node?[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw AwsException.Validation($"The member '{member}' must be a string."),
    };

    public static int? Int(JsonObject body, string member) => body[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        _ => throw AwsException.Validation($"The member '{member}' must be an integer."),
    };

    public static bool? Bool(JsonObject body, string member) => body[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw AwsException.Validation($"The member '{member}' must be true or false."),
    };

    public static JsonObject? Object(JsonObject body, string member) => body[member] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw AwsException.Validation($"The member '{member}' must be an object."),
    };

    public static IEnumerable<JsonObject> Array(JsonObject body, string member) => body[member] switch
    {
        JsonArray a => a.Select(e => e as JsonObject ?? throw AwsException.Validation($"Each entry of '{member}' must be an object.")),
        null => throw AwsException.Validation($"1 validation error detected: Value null at '{Camel(member)}' failed to satisfy constraint: Member must not be null"),
        _ => throw AwsException.Validation($"The member '{member}' must be an array."),
    };

    /// <summary>ExpressionAttributeNames and ExpressionAttributeValues of a request.</summary>
    public static ExpressionArguments Arguments(JsonObject body)
    {
        var names = Object(body, "ExpressionAttributeNames")?.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s)
            ? s : throw AwsException.Validation($"ExpressionAttributeNames.{p.Key} must be a string."));
        return new ExpressionArguments(names, Object(body, "ExpressionAttributeValues"));
    }

    /// <summary>The legacy parameters (before expressions) are refused by name rather than ignored.</summary>
    public static void RefuseLegacy(JsonObject body, params string[] members)
    {
        foreach (var member in members)
            if (body[member] is not null)
                throw AwsException.Validation($"The legacy parameter '{member}' is not supported here; use the expression parameters (UpdateExpression, ConditionExpression, KeyConditionExpression, FilterExpression, ProjectionExpression).");
    }

    private static string Camel(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
