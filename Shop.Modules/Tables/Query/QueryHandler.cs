using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;
using Shop.Modules.Tables.Expressions;
using Shop.Modules.Tables.Items;
using Shop.Modules.Tables.Scan;

namespace Shop.Modules.Tables.Query;

/// <summary>The items of one hash key, in range-key order (numbers by value), reversed when not Forward.</summary>
internal sealed class QueryHandler(TablesDbContext db, ItemStore store) : IRequestHandler<Contracts.Query, ItemPage>
{
    public async ValueTask<ItemPage> Handle(Contracts.Query request, CancellationToken cancellationToken)
    {
        var limit = ItemPages.Limit(request.Limit);
        var expressions = new Expressions.Expressions(request.Arguments);
        var keyCondition = expressions.Condition(request.KeyCondition, "KeyConditionExpression")
            ?? throw TableException.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        var filter = expressions.Condition(request.Filter, "FilterExpression");
        var projection = expressions.Projection(request.Projection);
        expressions.CheckAllUsed();
        var table = await store.TableAsync(request.Table, cancellationToken);
        var hash = HashValue(keyCondition, table);

        var rows = await db.Items.AsNoTracking().Where(i => i.TableName == table.Name && i.Hash == hash).ToListAsync(cancellationToken);
        var items = rows.Select(ItemStore.Parse).Where(i => Evaluator.Holds(keyCondition, i)).ToList();
        if (table.RangeName is { } rangeName)
        {
            items.Sort((a, b) => AttributeValue.Compare((JsonObject)a[rangeName]!, (JsonObject)b[rangeName]!) ?? 0);
            if (!request.Forward) items.Reverse();
            if (request.ExclusiveStartKey is { } start)
            {
                var startRange = AttributeValue.NormalizeMap(start, "ExclusiveStartKey")[rangeName] as JsonObject
                    ?? throw TableException.Validation("The provided starting key is invalid");
                var sign = request.Forward ? 1 : -1;
                items = items.Where(i => sign * (AttributeValue.Compare((JsonObject)i[rangeName]!, startRange) ?? 0) > 0).ToList();
            }
        }
        else if (request.ExclusiveStartKey is not null) items.Clear();
        if (limit is { } l && items.Count > l + 1) items.RemoveRange(l + 1, items.Count - l - 1);
        return ItemPages.Page(table, items, limit, filter, projection);
    }

    /// <summary>The hash key's value: the key condition must be <c>hash = :v</c>, optionally AND one condition on the range key.</summary>
    private static string HashValue(Condition condition, TableRow table)
    {
        var parts = condition is And and ? new[] { and.Left, and.Right } : [condition];
        if (parts.Length > 2 || parts.Any(p => p is And or Or or Not))
            throw TableException.Validation("Invalid KeyConditionExpression: the condition must be the hash key's equality, optionally AND one condition on the range key");
        string? hash = null;
        foreach (var part in parts)
        {
            var (path, op) = part switch
            {
                Comparison { Left: PathOperand p } c => (p.Path, c.Operator),
                Between { Value: PathOperand p } => (p.Path, "BETWEEN"),
                FunctionCondition { Name: "begins_with", Arguments: [PathOperand p, _] } => (p.Path, "begins_with"),
                _ => throw TableException.Validation("Invalid KeyConditionExpression: each condition must name a key attribute on its left"),
            };
            if (path.Steps.Count != 1 || !ItemStore.KeyNames(table).Contains(path.Top))
                throw TableException.Validation($"Query condition missed key schema element: {table.HashName}");
            if (path.Top == table.HashName)
            {
                if (op != "=" || part is not Comparison { Right: ValueOperand v } || AttributeValue.TypeOf(v.Value) != table.HashType)
                    throw TableException.Validation("Query key condition not supported");
                hash = AttributeValue.Inner(v.Value)!.GetValue<string>();
            }
            else if (op == "<>") throw TableException.Validation("Unsupported operator on KeyConditionExpression: operator: <>");
        }
        return hash ?? throw TableException.Validation($"Query condition missed key schema element: {table.HashName}");
    }
}
