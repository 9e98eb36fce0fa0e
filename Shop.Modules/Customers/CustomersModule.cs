using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Customers.Data;
using Shop.Modules.Customers.Describe;
using Shop.Modules.Customers.DescribeOnItemDescribed;
using Shop.Modules.Customers.Seed;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.SampleData;

namespace Shop.Modules.Customers;

/// <summary>Customers: name, email and the address deliveries go to.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CustomersDbContext>(CustomersDbContext.MigrationsHistoryTable);
        services.AddScoped<CustomersSql>();
        services.AddSampleDataSet<CustomersSampleData>();
        services.AddReaction<DescribeOnItemDescribedHandler>(InventoryEvents.Source, InventoryEvents.ItemDescribed);
        return services;
    }

    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder app)
    {
        // A malformed customer id is a 400 that names it.
        var group = app.MapGroup("/customer").WithTags("Customers").ProducesProblem(StatusCodes.Status400BadRequest);
        DescribeCustomerEndpoint.Map(group);
        return app;
    }
}
