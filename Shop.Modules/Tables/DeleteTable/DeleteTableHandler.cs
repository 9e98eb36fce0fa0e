using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Data;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.DeleteTable;

internal sealed class DeleteTableHandler(TablesDbContext db, UnitOfWork unitOfWork) : IRequestHandler<Contracts.DeleteTable, TableDescription>
{
    public async ValueTask<TableDescription> Handle(Contracts.DeleteTable request, CancellationToken cancellationToken)
    {
        var name = ItemStore.TableName(request.Name);
        // The orders table is the Orders module's view of its orders, not a table anyone made.
        if (name == TablesDbContext.OrdersTable.Name)
            throw new TableException(TableErrors.ResourceInUse, "Attempt to change a resource which is still in use: the table 'orders' is served by the shop's Orders module and cannot be deleted");
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var table = await db.Tables.FirstOrDefaultAsync(t => t.Name == name, ct) ?? throw TableException.NotFound(name);
            var description = await db.DescribeAsync(table, ct);
            await db.Items.Where(i => i.TableName == name).ExecuteDeleteAsync(ct);
            db.Tables.Remove(table);
            await db.SaveChangesAsync(ct);
            return description;
        }, cancellationToken);
    }
}
