using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows.Resources;

namespace Shop.Modules.Workflows.Activities;

internal static class ActivitiesRegistration
{
    /// <summary>Activities (<see cref="IActivities"/>) and the Task resource that schedules their tasks.</summary>
    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddSingleton<ActivityCatalog>();
        services.AddSingleton<Activities>();
        services.AddSingleton<IActivities>(sp => sp.GetRequiredService<Activities>());
        services.AddSingleton<ITaskResource, ActivityTaskResource>();
        // Not an activity, but the other half of the same issue: EXPRESS machines keep a short history.
        services.AddHostedService<Express.ExpressHistory>();
        return services;
    }
}
