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
        services.AddSingleton(new ModuleDatabase(typeof(TContext)));
        if (IsPoolable(typeof(TContext)))
        {
            // A pooled context keeps the internal services EF builds for a context (its "ContextServices": a scope of
            // EF's own provider, dozens of services resolved under DI locks) from one rental to the next; building
            // them for every context of every step was 7-10 % of the server's CPU (docs/performance.md). The scope's
            // context is rented on first use, attached to the scope's connection, and returned (reset: change
            // tracker, transaction) when the scope ends.
            services.AddPooledDbContextFactory<TContext>(options => Configure(options, migrationsHistoryTable));
            services.AddScoped(sp =>
            {
                var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
                sp.GetRequiredService<ShopConnection>().Attach(context);
                return context;
            });
            return services;
        }
        // The options hold no connection, so they are built once (singleton), not per scope: each context is put on
        // its scope's connection when it attaches (ModuleDbContext). Building options per scope was ~8 % of the
        // server's CPU under load, much of it contended DI locks (docs/performance.md).
        services.AddDbContext<TContext>(options => Configure(options, migrationsHistoryTable),
            contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>EF pools a context whose only constructor takes its options (the connection is attached when rented).</summary>
    private static bool IsPoolable(Type context) =>
        context.GetConstructors() is [var only] && only.GetParameters() is [var options]
        && options.ParameterType == typeof(DbContextOptions<>).MakeGenericType(context);

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

    /// <summary>The same for a pooled context (options only): it runs on the throwaway file by its connection string.</summary>
    public static TContext Create<TContext>(string migrationsHistoryTable, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : ModuleDbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        options.UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "shop-design-time")}", sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable));
        return create(options.Options);
    }
}
