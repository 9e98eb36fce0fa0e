using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Coffee.ChangeSettings;
using Shop.Modules.Coffee.Complete;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Coffee.Describe;
using Shop.Modules.Coffee.GetSettings;
using Shop.Modules.Coffee.Heartbeat;
using Shop.Modules.Coffee.List;
using Shop.Modules.Coffee.Place;
using Shop.Modules.Coffee.Processing;
using Shop.Modules.Coffee.StartOnOrderCreated;
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
        foreach (var source in CoffeeEvents.OrderSources) services.AddReaction<StartOnOrderCreatedHandler>(source, CoffeeEvents.OrderCreated);
        return services;
    }

    /// <summary><c>/coffee</c>: place an order, the board, complete / heartbeat a drink, the store settings.</summary>
    public static IEndpointRouteBuilder MapCoffeeEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route reads an id, a query or a JSON body: a malformed one is a 400 that names it.
        var group = app.MapGroup("/coffee").WithTags("Coffee").ProducesProblem(StatusCodes.Status400BadRequest);
        PlaceCoffeeOrderEndpoint.Map(group);
        ListDrinksEndpoint.Map(group);
        DescribeDrinkEndpoint.Map(group);
        CompleteCoffeeOrderEndpoint.Map(group);
        HeartbeatDrinkEndpoint.Map(group);
        GetCoffeeSettingsEndpoint.Map(group);
        ChangeCoffeeSettingsEndpoint.Map(group);
        return app;
    }
}
