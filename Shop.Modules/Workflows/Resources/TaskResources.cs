using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows.Activities;

namespace Shop.Modules.Workflows.Resources;

/// <summary>The local integrations ASL Task states call (see docs/asl-resources.md).</summary>
internal static class TaskResources
{
    public static IServiceCollection AddTaskResources(this IServiceCollection services)
    {
        services.AddSingleton<ITaskResource, DynamoDbTaskResource>();
        services.AddSingleton<ITaskResource, LambdaTaskResource>();
        services.AddSingleton<ITaskResource, ApiGatewayTaskResource>();
        services.AddSingleton<ITaskResource, EventsTaskResource>();
        services.AddSingleton<ITaskResource, StartExecutionTaskResource>();
        services.AddSingleton<ITaskResource, SfnSdkTaskResource>();
        services.AddActivities();
        services.AddReaction<ChildExecutionEnded>(ChildExecutionEnded.Source, ChildExecutionEnded.DetailType);
        services.AddFunction("Add", SampleFunctions.Add);
        return services;
    }
}
