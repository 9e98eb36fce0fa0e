using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.CreateTable;

internal sealed class CreateTableHandler(TablesDbContext db, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<Contracts.CreateTable, TableDescription>
{
    public async ValueTask<TableDescription> Handle(Contracts.CreateTable request, CancellationToken cancellationToken)
    {
        var name = ItemStore.TableName(request.Name);
        var hash = Key(request.HashKey);
        var range = request.RangeKey is null ? null : Key(request.RangeKey);
        if (range is not null && range.Name == hash.Name)
            throw TableException.Validation("Invalid KeySchema: Some index key attribute have no definition");
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            if (await db.Tables.AnyAsync(t => t.Name == name, ct))
                throw new TableException(TableErrors.ResourceInUse, $"Table already exists: {name}");
            var row = new TableRow
            {
                Name = name, HashName = hash.Name, HashType = hash.Type, RangeName = range?.Name, RangeType = range?.Type,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Tables.Add(row);
            await db.SaveChangesAsync(ct);
            return await db.DescribeAsync(row, ct);
        }, cancellationToken);
    }

    private static KeyAttribute Key(KeyAttribute key)
    {
        if (string.IsNullOrEmpty(key.Name) || key.Name.Length > 255)
            throw TableException.Validation("One or more parameter values were invalid: a key attribute name must be 1-255 characters");
        if (key.Type is not ("S" or "N" or "B"))
            throw TableException.Validation($"One or more parameter values were invalid: the key attribute {key.Name} must be of type S, N or B, not '{key.Type}'");
        return key;
    }
}
