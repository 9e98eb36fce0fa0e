using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;

namespace Shop.Modules.Tables.Items;

/// <summary>Reads and writes items by key; the table named <c>orders</c> also writes through to the Orders module.</summary>
internal sealed partial class ItemStore(TablesDbContext db, IMediator mediator)
{
    private const int MaxItemBytes = 400 * 1024;

    public static string TableName(string? name)
    {
        if (name is null || name.Length is < 3 or > 255 || !TableNamePattern().IsMatch(name))
            throw TableException.Validation($"1 validation error detected: Value '{name}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 3 and 255");
        return name;
    }

    public async Task<TableRow> TableAsync(string name, CancellationToken cancellationToken) =>
        await db.Tables.AsNoTracking().FirstOrDefaultAsync(t => t.Name == TableName(name), cancellationToken)
        ?? throw new TableException(TableErrors.ResourceNotFound, "Requested resource not found");

    public static IReadOnlyCollection<string> KeyNames(TableRow table) =>
        table.RangeName is null ? [table.HashName] : [table.HashName, table.RangeName];

    /// <summary>The key of an item (<paramref name="keyOnly"/>: a Key parameter, which must hold the key attributes and nothing else).</summary>
    public static (string Hash, string Range) KeyOf(TableRow table, JsonObject attributes, bool keyOnly)
    {
        if (keyOnly && attributes.Count != KeyNames(table).Count)
            throw TableException.Validation("The provided key element does not match the schema");
        var hash = KeyPart(attributes, table.HashName, table.HashType, keyOnly);
        var range = table.RangeName is null ? "" : KeyPart(attributes, table.RangeName, table.RangeType!, keyOnly);
        return (hash, range);
    }

    private static string KeyPart(JsonObject attributes, string name, string type, bool keyOnly)
    {
        if (attributes[name] is not JsonObject value)
            throw TableException.Validation(keyOnly ? "The provided key element does not match the schema"
                : $"One or more parameter values were invalid: Missing the key {name} in the item");
        if (AttributeValue.TypeOf(value) != type)
            throw TableException.Validation(keyOnly ? "The provided key element does not match the schema"
                : $"One or more parameter values were invalid: Type mismatch for key {name} expected: {type} actual: {AttributeValue.TypeOf(value)}");
        var text = AttributeValue.Inner(value)!.GetValue<string>();
        if (text.Length == 0)
            throw TableException.Validation($"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: {name}");
        return text;
    }

    public async Task<(ItemRow? Row, JsonObject? Item)> LoadAsync(TableRow table, (string Hash, string Range) key, CancellationToken cancellationToken)
    {
        var row = await db.Items.FirstOrDefaultAsync(i => i.TableName == table.Name && i.Hash == key.Hash && i.Range == key.Range, cancellationToken);
        return (row, row is null ? null : Parse(row));
    }

    public static JsonObject Parse(ItemRow row) => (JsonObject)JsonNode.Parse(row.Item)!;

    /// <summary>Inserts or replaces the item (inside the caller's unit of work).</summary>
    public async Task SaveAsync(TableRow table, ItemRow? row, (string Hash, string Range) key, JsonObject item, CancellationToken cancellationToken)
    {
        var text = item.ToJsonString();
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxItemBytes)
            throw TableException.Validation("Item size has exceeded the maximum allowed size");
        if (row is null) db.Items.Add(new ItemRow { TableName = table.Name, Hash = key.Hash, Range = key.Range, Item = text });
        else row.Item = text;
        if (table.Name == TablesDbContext.OrdersTable.Name) await WriteOrderAsync(item, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveAsync(ItemRow row, CancellationToken cancellationToken)
    {
        db.Items.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Items of the orders table are orders: the Orders module keeps them (so /order/describe shows them).</summary>
    private async Task WriteOrderAsync(JsonObject item, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(OrdersTable.ToWriteOrder(item), cancellationToken);
        }
        catch (InvalidInputException error)
        {
            throw TableException.Validation($"The table 'orders' holds the shop's orders: {error.Message}");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex TableNamePattern();
}
