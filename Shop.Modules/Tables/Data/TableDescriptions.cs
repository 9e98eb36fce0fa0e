using Microsoft.EntityFrameworkCore;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Tables.Data;

internal static class TableDescriptions
{
    public static async Task<TableDescription> DescribeAsync(this TablesDbContext db, TableRow table, CancellationToken cancellationToken)
    {
        var items = db.Items.Where(i => i.TableName == table.Name);
        var count = await items.LongCountAsync(cancellationToken);
        var size = count == 0 ? 0 : await items.SumAsync(i => (long)i.Item.Length, cancellationToken);
        return new TableDescription(table.Name, new KeyAttribute(table.HashName, table.HashType),
            table.RangeName is null ? null : new KeyAttribute(table.RangeName, table.RangeType!), table.CreatedAt, count, size);
    }
}
