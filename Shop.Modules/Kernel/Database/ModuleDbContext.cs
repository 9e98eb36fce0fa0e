using Microsoft.EntityFrameworkCore;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// Base of every module's DbContext: it joins the scope's shared connection and, when a unit of work is
/// open, its transaction.
/// </summary>
/// <remarks>
/// A context with the one constructor <c>(DbContextOptions&lt;T&gt;)</c> is pooled (<see cref="ModuleDatabaseRegistration"/>):
/// it is attached to its scope's <see cref="ShopConnection"/> each time it is rented. One that takes the connection
/// attaches itself here, as before.
/// </remarks>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected ModuleDbContext(DbContextOptions options, ShopConnection connection)
        : base(options)
    {
        connection.Attach(this);
    }
}
