using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel;

public static class KernelModule
{
    /// <summary>What every module shares: the database, the unit of work, the event bus, the mediator, errors, clock and chance.</summary>
    /// <param name="dataFolder">Absolute folder for the SQLite file and the files modules write.</param>
    public static IServiceCollection AddKernel(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddSingleton(new DatabaseSettings(dataFolder, synchronous: DatabaseSettings.ParseSynchronous(configuration["Database:Synchronous"])));
        services.Configure<AwsSettings>(configuration.GetSection("Aws"));
        services.AddSingleton<AwsArns>();
        services.AddScoped<ShopConnection>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddScoped<UnitOfWork>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(new SystemRandomSource(configuration.GetValue<int?>("Shop:RandomSeed")));

        services.AddModuleDbContext<EventsDbContext>(EventsDbContext.MigrationsHistoryTable);
        services.AddScoped<EventPublisher>();
        services.AddScoped<IEventPublisher>(sp => sp.GetRequiredService<EventPublisher>());
        services.AddScoped<IEventStore, EventStoreReader>();
        services.AddScoped<EventSql>();
        services.AddScoped(sp => new HandleOnce(sp.GetRequiredService<EventSql>(), sp.GetRequiredService<UnitOfWork>()));
        services.AddScoped(sp => new Reaction(sp.GetRequiredService<HandleOnce>(), sp.GetRequiredService<IEventPublisher>(), sp.GetRequiredService<ShopConnection>()));
        services.AddSingleton(new EventDeliverySettings(
            Math.Max(1, configuration.GetValue("Events:MaxAttempts", 5)),
            configuration.GetValue("Events:RetryBaseDelay", TimeSpan.FromSeconds(1))));
        services.AddSingleton<EventDispatcher>();
        services.AddScoped<IDeadDeliveries, DeadDeliveries>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        services.AddHostedService<Telemetry.EventBacklogGauge>();

        // Scoped: handlers share the caller's scope, hence its connection and unit of work.
        services.AddMediator((MediatorOptions options) => options.ServiceLifetime = ServiceLifetime.Scoped);

        // An answer wraps a stored detail a few levels deeper (Items → EventDetail → Detail): that was a 500 on GET /events.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.MaxDepth = JsonBody.MaxWrappedDepth);
        services.AddProblemDetails();
        // After the default writer, so it only answers what that one declines.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, JsonProblemWriter>());
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }
}
