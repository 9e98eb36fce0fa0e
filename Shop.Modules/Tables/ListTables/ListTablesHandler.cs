using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;

namespace Shop.Modules.Tables.ListTables;

internal sealed class ListTablesHandler(TablesDbContext db) : IRequestHandler<Contracts.ListTables, TableList>
{
    public async ValueTask<TableList> Handle(Contracts.ListTables request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > 100)
            throw TableException.Validation($"1 validation error detected: Value '{request.Limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        var query = db.Tables.AsNoTracking().Select(t => t.Name);
        if (request.ExclusiveStartTableName is { } start) query = query.Where(n => string.Compare(n, start) > 0);
        var names = await query.OrderBy(n => n).Take(request.Limit + 1).ToListAsync(cancellationToken);
        var more = names.Count > request.Limit;
        if (more) names.RemoveAt(names.Count - 1);
        return new TableList(names, more ? names[^1] : null);
    }
}
