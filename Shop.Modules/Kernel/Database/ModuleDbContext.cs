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
    }
}
