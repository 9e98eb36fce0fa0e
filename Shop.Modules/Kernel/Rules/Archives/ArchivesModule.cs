using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Rules.Archives;

internal static class ArchivesModule
{
    /// <summary>Archives and replays over the event store, and the runner that resumes replays at start.</summary>
    public static IServiceCollection AddArchives(this IServiceCollection services)
    {
        services.AddScoped(sp => new EventArchives(sp.GetRequiredService<EventsDbContext>(), sp.GetRequiredService<UnitOfWork>(),
            sp.GetRequiredService<EventRules>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new EventReplays(sp.GetRequiredService<EventsDbContext>(), sp.GetRequiredService<UnitOfWork>(),
            sp.GetRequiredService<EventRules>(), sp.GetRequiredService<ReplayRunner>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ReplayRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayRunner>());
        return services;
    }
}
