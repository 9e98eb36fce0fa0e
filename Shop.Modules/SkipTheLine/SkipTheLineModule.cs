using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.SkipTheLine.Data;
using Shop.Modules.SkipTheLine.Describe;
using Shop.Modules.SkipTheLine.PickUp;
using Shop.Modules.SkipTheLine.PreOrder;
using Shop.Modules.SkipTheLine.ReadInvoice;
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
        // Every route reads ids or a JSON body: a malformed one is a 400 that names it.
        var group = app.MapGroup("/skiptheline").WithTags("Skip the Line").ProducesProblem(StatusCodes.Status400BadRequest);
        PlacePreOrderEndpoint.Map(group);
        DescribePreOrderEndpoint.Map(group);
        ReadPreOrderInvoiceEndpoint.Map(group);
        PickUpPreOrderEndpoint.Map(group);
        return app;
    }
}
