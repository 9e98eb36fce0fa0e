using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Coffee.Ordering;
using Shop.Modules.Coffee.Processing;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee;

/// <summary>The coffee shop's barista order processing (SCENARIOS §3, seed 003).</summary>
public static class CoffeeModule
{
    public static IServiceCollection AddCoffeeModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CoffeeDbContext>(CoffeeDbContext.MigrationsHistoryTable);
        services.AddWorkflow(BaristaWorkflow.Definition);
        // The generic start and StartExecution refuse what POST /coffee/orders refuses (the input has the event's shape).
        services.AddWorkflowInputValidator(BaristaWorkflow.Name, input => CoffeeOrder.Read(input?["detail"]));
        foreach (var source in CoffeeEvents.OrderSources) services.AddReaction<StartOnOrderCreated>(source, CoffeeEvents.OrderCreated);
        return services;
    }

    public static IEndpointRouteBuilder MapCoffeeEndpoints(this IEndpointRouteBuilder app)
    {
        CoffeeEndpoints.Map(app);
        return app;
    }
}
