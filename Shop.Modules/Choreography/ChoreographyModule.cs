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
using Shop.Modules.Choreography.Simulations;
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
        services.AddReaction<ChoreographyMonitor>((sp, e) => sp.GetRequiredService<ChoreographyRegistry>().Watches(e));
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
        var group = endpoints.MapGroup("/choreography").WithTags("Choreography");
        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListChoreographies(), ct)))
            .WithSummary("The monitored choreographies: patterns, entity id path, states, Mermaid graph");
        group.MapGet("/{name}/runs", async (string name, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListChoreographyRuns(name), ct)))
            .WithSummary("The newest runs of a choreography: entity, execution, status, state, where it diverged");
        group.MapPost("/{name}/replay", async (string name, HttpRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplayChoreography(name, await ReadBodyAsync(request, allowEmpty: true, ct)), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Runs stored events ({from, to} and/or {entityId}) through the definition in memory: which entities conform, where each diverged");
        group.MapPost("/simulations", StartSimulationAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Starts the WorkflowSimulation workflow with {events: [{source, detailType, detail, wait}]} (or {seed}): each event published, then its wait × Workflows:TimeScale → 202");
        group.MapGet("/simulations", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSimulations(), ct)))
            .WithSummary("The newest simulations");
        group.MapGet("/simulations/seeds", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSimulationSeeds(), ct)))
            .WithSummary("The simulation files of seed/simulations");
        group.MapGet("/simulations/{id}", async (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DescribeSimulation(id), ct)))
            .WithSummary("A simulation's progress: published, total, status");
        return endpoints;
    }

    private static async Task<Accepted<SimulationInfo>> StartSimulationAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var simulation = await sender.Send(new StartSimulation(await ReadBodyAsync(request, allowEmpty: false, ct)), ct);
        return TypedResults.Accepted($"/choreography/simulations/{simulation.SimulationId}", simulation);
    }

    private static Task<JsonNode?> ReadBodyAsync(HttpRequest request, bool allowEmpty, CancellationToken ct) =>
        JsonBody.ReadAsync(request, allowEmpty, ct);
}
