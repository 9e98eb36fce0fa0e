using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.DescribeTable;

internal sealed class DescribeTableHandler(TablesDbContext db) : IRequestHandler<Contracts.DescribeTable, TableDescription>
{
    public async ValueTask<TableDescription> Handle(Contracts.DescribeTable request, CancellationToken cancellationToken)
    {
        var name = ItemStore.TableName(request.Name);
        var table = await db.Tables.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken)
            ?? throw TableException.NotFound(name);
        return await db.DescribeAsync(table, cancellationToken);
    }
}
