using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Tables.Data;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables;

/// <summary>
/// A local item store with DynamoDB's data model (attribute-value JSON, hash + range keys, update and condition
/// expressions), in SQLite with the rest of the shop: the DynamoDB wire API and the workflows' DynamoDB tasks use it
/// through the mediator, so a task's writes commit with its step. The table <c>orders</c> is the Orders module's.
/// </summary>
public static class TablesModule
{
    public static IServiceCollection AddTablesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TablesDbContext>(TablesDbContext.MigrationsHistoryTable);
        services.AddScoped<ItemStore>();
        return services;
    }
}
