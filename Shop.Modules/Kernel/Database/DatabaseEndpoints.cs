using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Shop.Modules.Kernel.Database;

public static class DatabaseEndpoints
{
    /// <summary>
    /// <c>GET /admin/database</c>: the writer's counts since start (units of work committed and rolled back, real
    /// SQLite commits) and the synchronous setting. Shop.Bench divides units of work by commits (the batch size).
    /// </summary>
    public static IEndpointRouteBuilder MapDatabaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin").WithTags("Admin")
            .MapGet("/database", (WriteGate writer) => TypedResults.Ok(writer.Counts))
            .WithSummary("The group-committing writer's counts since start: units of work, rolled back, SQLite commits");
        return app;
    }
}
