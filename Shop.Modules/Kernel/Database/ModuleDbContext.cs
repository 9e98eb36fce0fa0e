using Microsoft.EntityFrameworkCore;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// Base of every module's DbContext: it joins the scope's shared connection and, when a unit of work is
/// open, its transaction.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options, ShopConnection connection)
        : base(options)
    {
        connection.Attach(this);
        // Every unit of work already runs inside its own SAVEPOINT of the writer's batch, and a failed SaveChanges
        // fails the whole unit of work (nothing catches one and carries on). EF's own savepoint around each
        // SaveChanges was redundant work, and on shutdown a cancelled rollback to it was logged as an error.
        Database.AutoSavepointsEnabled = false;
    }
}
