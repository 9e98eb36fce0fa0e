using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;
using Shop.Modules.Tables.Expressions;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.Scan;

/// <summary>Items in key order (text order of the stored key); Limit counts items read before the filter, as DynamoDB's does.</summary>
internal sealed class ScanHandler(TablesDbContext db, ItemStore store) : IRequestHandler<Contracts.Scan, ItemPage>
{
    public async ValueTask<ItemPage> Handle(Contracts.Scan request, CancellationToken cancellationToken)
    {
        var limit = ItemPages.Limit(request.Limit);
        var expressions = new Expressions.Expressions(request.Arguments);
        var filter = expressions.Condition(request.Filter, "FilterExpression");
        var projection = expressions.Projection(request.Projection);
        expressions.CheckAllUsed();
        var table = await store.TableAsync(request.Table, cancellationToken);
        var rows = db.Items.AsNoTracking().Where(i => i.TableName == table.Name);
        if (request.ExclusiveStartKey is { } start)
        {
            var (hash, range) = ItemStore.KeyOf(table, AttributeValue.NormalizeMap(start, "ExclusiveStartKey"), keyOnly: true);
            rows = rows.Where(i => string.Compare(i.Hash, hash) > 0 || (i.Hash == hash && string.Compare(i.Range, range) > 0));
        }
        var read = await rows.OrderBy(i => i.Hash).ThenBy(i => i.Range).Take(limit is null ? int.MaxValue : limit.Value + 1).ToListAsync(cancellationToken);
        return ItemPages.Page(table, read.Select(ItemStore.Parse).ToList(), limit, filter, projection);
    }
}

internal static class ItemPages
{
    public static int? Limit(int? limit) => limit is null or > 0 ? limit
        : throw TableException.Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");

    /// <param name="read">The items read in order, one more than <paramref name="limit"/> when there are more.</param>
    public static ItemPage Page(TableRow table, List<JsonObject> read, int? limit, Condition? filter, IReadOnlyList<DocumentPath>? projection)
    {
        var more = limit is { } l && read.Count > l;
        if (more) read.RemoveRange(limit!.Value, read.Count - limit.Value);
        var items = read.Where(i => Evaluator.Holds(filter, i)).Select(i => Evaluator.Project(i, projection)).ToList();
        JsonObject? last = null;
        if (more)
        {
            last = new JsonObject();
            foreach (var name in ItemStore.KeyNames(table)) last[name] = read[^1][name]!.DeepClone();
        }
        return new ItemPage(items, read.Count, last);
    }
}
