using System.Text.Json.Nodes;
using Mediator;

namespace Shop.Modules.Tables.Contracts;

/// <summary>One key attribute of a table: its name and DynamoDB scalar type (S, N or B).</summary>
public sealed record KeyAttribute(string Name, string Type);

/// <summary>A table as DescribeTable answers: its key schema (hash + optional range), creation time and size.</summary>
public sealed record TableDescription(string Name, KeyAttribute HashKey, KeyAttribute? RangeKey, DateTimeOffset CreatedAt,
    long ItemCount, long SizeBytes);

/// <summary>
/// The names and values an expression refers to (<c>#name</c>, <c>:value</c>), as DynamoDB's
/// ExpressionAttributeNames / ExpressionAttributeValues (values in attribute-value JSON, e.g. <c>{"S": "x"}</c>).
/// </summary>
public sealed record ExpressionArguments(IReadOnlyDictionary<string, string>? Names = null, JsonObject? Values = null)
{
    public static readonly ExpressionArguments None = new();
}

/// <summary>What a write answers with: NONE, ALL_OLD, ALL_NEW, UPDATED_OLD, UPDATED_NEW (as DynamoDB's ReturnValues).</summary>
public static class ReturnValues
{
    public const string None = "NONE";
    public const string AllOld = "ALL_OLD";
    public const string AllNew = "ALL_NEW";
    public const string UpdatedOld = "UPDATED_OLD";
    public const string UpdatedNew = "UPDATED_NEW";
}

/// <summary>Creates a table; <see cref="TableErrors.ResourceInUse"/> when one of that name exists.</summary>
public sealed record CreateTable(string Name, KeyAttribute HashKey, KeyAttribute? RangeKey = null) : IRequest<TableDescription>;

public sealed record DescribeTable(string Name) : IRequest<TableDescription>;

/// <summary>
/// Whether a table of that name exists (a malformed name: false). For callers that look before they read (a module
/// that keeps its own table, often never created), this costs one indexed read and never throws.
/// </summary>
public sealed record TableExists(string Name) : IRequest<bool>;

/// <summary>Table names in order, at most <paramref name="Limit"/> after <paramref name="ExclusiveStartTableName"/>.</summary>
public sealed record ListTables(string? ExclusiveStartTableName = null, int Limit = 100) : IRequest<TableList>;

public sealed record TableList(IReadOnlyList<string> Names, string? LastEvaluatedTableName);

/// <summary>Deletes a table and its items; answers the table as it was.</summary>
public sealed record DeleteTable(string Name) : IRequest<TableDescription>;

/// <summary>Writes a whole item (replacing any item with its key) when <paramref name="Condition"/> holds for the old one.</summary>
public sealed record PutItem(string Table, JsonObject Item, string? Condition = null, ExpressionArguments? Arguments = null,
    string ReturnValues = ReturnValues.None) : IRequest<ItemResult>;

/// <summary>The item with the key, or null; <paramref name="Projection"/> a ProjectionExpression.</summary>
public sealed record GetItem(string Table, JsonObject Key, string? Projection = null, ExpressionArguments? Arguments = null)
    : IRequest<ItemResult>;

/// <summary>Applies an UpdateExpression (creating the item when none has the key) when the condition holds.</summary>
public sealed record UpdateItem(string Table, JsonObject Key, string? Update, string? Condition = null,
    ExpressionArguments? Arguments = null, string ReturnValues = ReturnValues.None) : IRequest<ItemResult>;

public sealed record DeleteItem(string Table, JsonObject Key, string? Condition = null, ExpressionArguments? Arguments = null,
    string ReturnValues = ReturnValues.None) : IRequest<ItemResult>;

/// <summary>The item a read or write answers with (per ReturnValues), or null.</summary>
public sealed record ItemResult(JsonObject? Item);

/// <summary>Every item in key order, filtered; pages of <paramref name="Limit"/> items scanned after <paramref name="ExclusiveStartKey"/>.</summary>
public sealed record Scan(string Table, string? Filter = null, string? Projection = null, ExpressionArguments? Arguments = null,
    int? Limit = null, JsonObject? ExclusiveStartKey = null) : IRequest<ItemPage>;

/// <summary>The items of one hash key (KeyConditionExpression), in range-key order (or reversed), filtered and paged.</summary>
public sealed record Query(string Table, string KeyCondition, string? Filter = null, string? Projection = null,
    ExpressionArguments? Arguments = null, int? Limit = null, JsonObject? ExclusiveStartKey = null, bool Forward = true)
    : IRequest<ItemPage>;

/// <param name="ScannedCount">Items read before the filter.</param>
/// <param name="LastEvaluatedKey">Where the next page starts; null on the last page.</param>
public sealed record ItemPage(IReadOnlyList<JsonObject> Items, int ScannedCount, JsonObject? LastEvaluatedKey);
