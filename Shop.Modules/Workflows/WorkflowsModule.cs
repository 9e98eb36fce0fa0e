using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Api.Describe;
using Shop.Modules.Workflows.Api.Graph;
using Shop.Modules.Workflows.Api.History;
using Shop.Modules.Workflows.Api.List;
using Shop.Modules.Workflows.Api.ListExecutions;
using Shop.Modules.Workflows.Api.Redrive;
using Shop.Modules.Workflows.Api.Start;
using Shop.Modules.Workflows.Api.Stop;
using Shop.Modules.Workflows.Api.TaskFailure;
using Shop.Modules.Workflows.Api.TaskHeartbeat;
using Shop.Modules.Workflows.Api.TaskSuccess;
using Shop.Modules.Workflows.Data;
using Shop.Modules.Workflows.Demo;
using Shop.Modules.Workflows.Resources;

namespace Shop.Modules.Workflows;

public static class WorkflowsModule
{
    /// <summary>The engine: definitions registered with <see cref="AddWorkflow"/>, executions in SQLite, steps on a background worker, timers through Hangfire.</summary>
    public static IServiceCollection AddWorkflowsModule(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Workflows").Get<WorkflowSettings>() ?? new WorkflowSettings();
        if (settings.TimeScale <= 0) throw new InvalidOperationException("Workflows:TimeScale must be more than 0.");
        services.AddSingleton(settings);
        // Read again at use time (IOptionsMonitor): Workflows:TimeScale may be changed while the shop runs.
        services.Configure<WorkflowSettings>(configuration.GetSection("Workflows"));

        services.AddModuleDbContext<WorkflowsDbContext>(WorkflowsDbContext.MigrationsHistoryTable);
        services.AddSingleton<WorkflowDefinitions>();
        services.AddSingleton<IWorkflowDefinitions>(sp => sp.GetRequiredService<WorkflowDefinitions>());
        services.AddScoped<ExecutionSql>();
        services.AddScoped<ExecutionStore>();
        services.AddScoped<Transitions>();
        services.AddScoped<ExecutionStatusEvents>();
        services.AddScoped<StateRunner>();
        services.AddScoped<ExecutionRunner>();
        services.AddScoped<Callbacks>();
        services.AddScoped<IWorkflowEngine, WorkflowEngine>();
        services.AddSingleton<WorkflowWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowWorker>());
        services.AddSingleton<ReadyRescan>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadyRescan>());
        services.AddSingleton<WorkflowTimers>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowTimers>());
        services.AddTransient<DeadlineJob>();

        AddHangfire(services);
        services.AddTaskResources();

        if (configuration.GetValue("Bench:Workflows", false)) services.AddWorkflow(BenchTimerWorkflow.Definition);
        if (settings.Demo)
        {
            services.AddWorkflow(DemoCounterWorkflow.Definition);
            services.AddWorkflow(DemoApprovalWorkflow.Definition);
        }
        return services;
    }

    /// <summary>Registers a workflow definition (call from a module's AddXModule).</summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services, WorkflowDefinition definition)
    {
        services.AddSingleton(definition);
        return services;
    }

    /// <summary>The Step Functions-like HTTP API of the engine, one use case per folder under Api/.</summary>
    public static IEndpointRouteBuilder MapWorkflowsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The engine's refusals (DomainException → ProblemDetails): bad input, no such workflow, execution or token,
        // and a state that forbids the call (stop or redrive of an execution that cannot).
        var group = endpoints.MapGroup("/workflows").WithTags("Workflows")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ListWorkflowsEndpoint.Map(group);
        StartExecutionEndpoint.Map(group);
        ListExecutionsEndpoint.Map(group);
        DescribeExecutionEndpoint.Map(group);
        GetExecutionHistoryEndpoint.Map(group);
        GetExecutionGraphEndpoint.Map(group);
        StopExecutionEndpoint.Map(group);
        RedriveExecutionEndpoint.Map(group);
        SendTaskSuccessEndpoint.Map(group);
        SendTaskFailureEndpoint.Map(group);
        SendTaskHeartbeatEndpoint.Map(group);
        return endpoints;
    }

    /// <summary>
    /// Hangfire's dashboard at /hangfire. The host passes the authorization that defers to its admin
    /// security; without one, Hangfire's default answers local requests only.
    /// </summary>
    public static IEndpointConventionBuilder MapWorkflowsHangfireDashboard(this IEndpointRouteBuilder endpoints,
        params IDashboardAuthorizationFilter[] authorization)
    {
        var options = new DashboardOptions { DashboardTitle = "Shop timers", DisplayStorageConnectionString = false };
        if (authorization.Length > 0) options.Authorization = authorization;
        return endpoints.MapHangfireDashboard("/hangfire", options);
    }

    private static void AddHangfire(IServiceCollection services)
    {
        // Hangfire keeps its storage and activator in statics; registering our own instances first keeps each
        // host (several run side by side in the tests) on its own storage and its own container.
        // Finished and deleted jobs leave Hangfire's memory after a minute (its default keeps them 3 hours).
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromMinutes(1) }));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180));
        services.AddHangfireServer(options =>
        {
            // Due timers are looked for every second, not every 15 s (Hangfire's default).
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.WorkerCount = 2;
            options.ServerName = "shop-workflows";
        });
    }
}
