using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Modules.Workflows.Api.GetStateMachine;
using Shop.Modules.Workflows.Api.PutStateMachine;
using Shop.Modules.Workflows.Asl;

namespace Shop.Modules.Workflows;

/// <summary>Amazon States Language on the engine: the compiler, stored state machines and the files loaded at start.</summary>
public static class AslWorkflows
{
    /// <summary>
    /// Registers <see cref="IStateMachines"/>; <paramref name="folder"/> (the <c>workflows</c> folder next to
    /// appsettings.json) holds <c>*.asl.json</c> files created or updated at start.
    /// </summary>
    public static IServiceCollection AddAslWorkflows(this IServiceCollection services, string? folder)
    {
        services.AddSingleton(new AslFolder(folder));
        services.AddSingleton<AslContextObject>();
        services.AddScoped<AslCompiler>();
        services.AddScoped<StateMachines>();
        services.AddScoped<IStateMachines>(sp => sp.GetRequiredService<StateMachines>());
        // First of all hosted services: the engine's worker must find the ASL revisions its executions run on.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, AslStartup>());
        return services;
    }

    /// <summary><c>PUT /workflows/{name}</c> (the ASL document as the body) and <c>GET /workflows/{name}/definition</c>.</summary>
    public static IEndpointRouteBuilder MapAslWorkflowEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // An invalid document or name is a 400 that says why.
        var group = endpoints.MapGroup("/workflows").WithTags("Workflows").ProducesProblem(StatusCodes.Status400BadRequest);
        PutStateMachineEndpoint.Map(group);
        GetStateMachineEndpoint.Map(group);
        return endpoints;
    }
}
