using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Choreography.Definitions;
using Shop.Modules.Choreography.Monitor;
using Shop.Modules.Choreography.Replay;
using Shop.Modules.Choreography.Runs;
using Shop.Modules.Choreography.Simulations;
using Shop.Modules.Choreography.Simulations.Describe;
using Shop.Modules.Choreography.Simulations.Recent;
using Shop.Modules.Choreography.Simulations.Seeds;
using Shop.Modules.Choreography.Simulations.Start;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Choreography;

/// <summary>
/// Choreography monitoring (seed 001, SCENARIOS §5): choreographies declared as state machines, each mirrored by an
/// engine workflow whose executions follow the events of one entity; simulations (the WorkflowSimulation workflow)
/// that publish event sequences;
/// replay of stored events against a definition.
/// </summary>
public static class ChoreographyModule
{
    public static IServiceCollection AddChoreographyModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ChoreographyDbContext>(ChoreographyDbContext.MigrationsHistoryTable);
        services.AddSingleton<ChoreographyRegistry>();
        services.AddSingleton<ChoreographyPump>();
        services.AddHostedService(sp => sp.GetRequiredService<ChoreographyPump>());
        services.AddScoped<RunAdvancer>();
        services.AddWorkflow(SimulationWorkflow.Definition);
        services.AddWorkflowInputValidator(SimulationWorkflow.Name, input => StartSimulationHandler.ReadEvents(input?["events"]));
        services.AddSingleton<SimulationSeeds>();
        // A choreography's entity is its own (EntityIdPath), not the event store's: its events keep the store's order.
        services.AddReaction<ChoreographyMonitor>((sp, e) => sp.GetRequiredService<ChoreographyRegistry>().Watches(e), inStoreOrder: true);
        services.AddChoreography(ExampleChoreographies.MarketplaceOrder);
        services.AddChoreography(ExampleChoreographies.SecondHandCar);
        return services;
    }

    /// <summary>Monitors a choreography: registers it and the workflow that mirrors it.</summary>
    public static IServiceCollection AddChoreography(this IServiceCollection services, ChoreographyDefinition definition)
    {
        services.AddSingleton(definition);
        services.AddWorkflow(ChoreographyWorkflow.Build(definition));
        return services;
    }

    public static IEndpointRouteBuilder MapChoreographyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Names, ids and bodies are checked: a malformed one is a 400 that names it.
        var group = endpoints.MapGroup("/choreography").WithTags("Choreography").ProducesProblem(StatusCodes.Status400BadRequest);
        ListChoreographiesEndpoint.Map(group);
        ListChoreographyRunsEndpoint.Map(group);
        ReplayChoreographyEndpoint.Map(group);
        StartSimulationEndpoint.Map(group);
        ListSimulationsEndpoint.Map(group);
        ListSimulationSeedsEndpoint.Map(group);
        DescribeSimulationEndpoint.Map(group);
        return endpoints;
    }
}
