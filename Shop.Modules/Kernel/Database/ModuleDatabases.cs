using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.Kernel.Database;

/// <summary>A module's DbContext type, remembered so that every module's migrations run at start.</summary>
public sealed record ModuleDatabase(Type ContextType);

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the scope's shared connection, with the module's own
    /// migrations-history table (every module migrates independently inside one SQLite file).
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string migrationsHistoryTable)
        where TContext : ModuleDbContext
    {
        // The options hold no connection, so they are built once (singleton), not per scope: each context is put on
        // its scope's connection when it attaches (ModuleDbContext). Building options per scope was ~8 % of the
        // server's CPU under load, much of it contended DI locks (docs/performance.md).
        services.AddDbContext<TContext>(options => Configure(options, migrationsHistoryTable),
            contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(new ModuleDatabase(typeof(TContext)));
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder options, string migrationsHistoryTable) =>
        options.UseSqlite(sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable));

    /// <summary>Applies every module's pending migrations (never EnsureCreated: it skips every context after the first).</summary>
    public static async Task MigrateModuleDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<DatabaseSettings>().EnableWriteAheadLog();
        await using var scope = services.CreateAsyncScope();
        foreach (var module in scope.ServiceProvider.GetServices<ModuleDatabase>())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            await context.Database.MigrateAsync(cancellationToken);
        }
    }
}

/// <summary>What `dotnet ef` needs to build a module's context at design time (a throwaway file database).</summary>
public static class DesignTimeContext
{
    public static TContext Create<TContext>(string migrationsHistoryTable, Func<DbContextOptions<TContext>, ShopConnection, TContext> create)
        where TContext : ModuleDbContext
    {
        var connection = new ShopConnection(new DatabaseSettings(Path.Combine(Path.GetTempPath(), "shop-design-time")));
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabaseRegistration.Configure(options, migrationsHistoryTable);
        return create(options.Options, connection);
    }
}
