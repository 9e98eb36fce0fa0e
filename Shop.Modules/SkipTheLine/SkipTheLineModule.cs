using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.SkipTheLine.Data;
using Shop.Modules.SkipTheLine.PreOrder;
using Shop.Modules.Workflows;

namespace Shop.Modules.SkipTheLine;

/// <summary>Skip the Line pre-orders (SCENARIOS §4, seed 004).</summary>
public static class SkipTheLineModule
{
    public static IServiceCollection AddSkipTheLineModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SkipTheLineDbContext>(SkipTheLineDbContext.MigrationsHistoryTable);
        services.AddWorkflow(PreOrderWorkflow.Definition);
        services.AddWorkflowInputValidator(PreOrderWorkflow.Name, PlacePreOrderHandler.ValidateInput);
        return services;
    }

    public static IEndpointRouteBuilder MapSkipTheLineEndpoints(this IEndpointRouteBuilder app)
    {
        SkipTheLineEndpoints.Map(app);
        return app;
    }
}
