using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.SampleData;

public static class SampleDataModule
{
    /// <summary>Loads the seed into an empty database at start, and offers <c>POST /admin/reload</c>.</summary>
    /// <param name="seedFolder">Absolute folder holding customers.json, items.json, places.json.</param>
    public static IServiceCollection AddSampleData(this IServiceCollection services, string seedFolder)
    {
        services.AddSingleton(new SampleDataSettings(Path.GetFullPath(seedFolder)));
        services.AddHostedService<SampleDataLoader>();
        return services;
    }

    public static IServiceCollection AddSampleDataSet<T>(this IServiceCollection services)
        where T : class, ISampleData =>
        services.AddScoped<ISampleData, T>();

    public static IEndpointRouteBuilder MapSampleDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin").WithTags("Admin")
            .MapPost("/reload", async (IServiceProvider services, CancellationToken ct) =>
                TypedResults.Ok(await SampleDataLoader.ReloadAsync(services, onlyIfEmpty: false, ct)))
            .WithSummary("Resets customers and items (every availability) to the seed data")
            .Mutates();
        return app;
    }

    /// <summary>What <c>POST /admin/reload</c> does (the admin console's reload form calls it too): every data set, in one unit of work.</summary>
    public static Task<Dictionary<string, int>> ReloadAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        SampleDataLoader.ReloadAsync(services, onlyIfEmpty: false, cancellationToken);
}

internal sealed class SampleDataLoader(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ReloadAsync(scope.ServiceProvider, onlyIfEmpty: true, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One transaction for all data sets: a reload is all or nothing.</summary>
    internal static Task<Dictionary<string, int>> ReloadAsync(IServiceProvider services, bool onlyIfEmpty, CancellationToken cancellationToken)
    {
        var folder = services.GetRequiredService<SampleDataSettings>().SeedFolder;
        return services.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            var counts = new Dictionary<string, int>();
            foreach (var set in services.GetServices<ISampleData>())
            {
                if (onlyIfEmpty && !await set.IsEmptyAsync(ct)) continue;
                counts[set.Name] = await set.LoadAsync(folder, ct);
            }
            return counts;
        }, cancellationToken);
    }
}
