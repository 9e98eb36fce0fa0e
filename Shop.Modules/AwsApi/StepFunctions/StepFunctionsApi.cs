using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>Step Functions (AWS JSON 1.0, <c>X-Amz-Target: AWSStepFunctions.{Operation}</c>) over the workflow engine.</summary>
internal static class StepFunctionsApi
{
    public const string TargetPrefix = "AWSStepFunctions";

    public static IServiceCollection AddStepFunctionsApi(this IServiceCollection services)
    {
        services.AddSingleton<StateMachineDates>();
        return services.AddAwsService(TargetPrefix, AwsService.Json10, new Dictionary<string, AwsOperation>(StringComparer.Ordinal)
        {
            ["ListStateMachines"] = ListStateMachinesOperation.HandleAsync,
            ["DescribeStateMachine"] = DescribeStateMachineOperation.HandleAsync,
            ["DescribeStateMachineForExecution"] = DescribeStateMachineForExecutionOperation.HandleAsync,
            ["CreateStateMachine"] = CreateStateMachineOperation.HandleAsync,
            ["UpdateStateMachine"] = UpdateStateMachineOperation.HandleAsync,
            ["DeleteStateMachine"] = DeleteStateMachineOperation.HandleAsync,
            ["StartExecution"] = StartExecutionOperation.HandleAsync,
            ["DescribeExecution"] = DescribeExecutionOperation.HandleAsync,
            ["ListExecutions"] = ListExecutionsOperation.HandleAsync,
            ["StopExecution"] = StopExecutionOperation.HandleAsync,
            ["RedriveExecution"] = RedriveExecutionOperation.HandleAsync,
            ["GetExecutionHistory"] = GetExecutionHistoryOperation.HandleAsync,
            ["SendTaskSuccess"] = SendTaskSuccessOperation.HandleAsync,
            ["SendTaskFailure"] = SendTaskFailureOperation.HandleAsync,
            ["SendTaskHeartbeat"] = SendTaskHeartbeatOperation.HandleAsync,
            ["CreateActivity"] = CreateActivityOperation.HandleAsync,
            ["DescribeActivity"] = DescribeActivityOperation.HandleAsync,
            ["ListActivities"] = ListActivitiesOperation.HandleAsync,
            ["DeleteActivity"] = DeleteActivityOperation.HandleAsync,
            ["GetActivityTask"] = GetActivityTaskOperation.HandleAsync,
            ["StartSyncExecution"] = StartSyncExecutionOperation.HandleAsync,
        });
    }

    internal static StateMachineDates GetStateMachineDates(this IServiceProvider services) => services.GetRequiredService<StateMachineDates>();
}

/// <summary>
/// creationDate/updateDate of the shop's state machines: C# workflows are registered when the shop starts, so they
/// carry the time this process first served them (stable for the life of the process).
/// </summary>
internal sealed class StateMachineDates(TimeProvider clock)
{
    public DateTimeOffset CreationDate { get; } = clock.GetUtcNow();
}
