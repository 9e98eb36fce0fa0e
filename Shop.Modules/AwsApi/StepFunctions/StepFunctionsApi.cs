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
            ["ListStateMachines"] = StateMachineOperations.ListAsync,
            ["DescribeStateMachine"] = StateMachineOperations.DescribeAsync,
            ["DescribeStateMachineForExecution"] = StateMachineOperations.DescribeForExecutionAsync,
            ["CreateStateMachine"] = StateMachineChanges.CreateAsync,
            ["UpdateStateMachine"] = StateMachineChanges.UpdateAsync,
            ["DeleteStateMachine"] = StateMachineChanges.DeleteAsync,
            ["StartExecution"] = ExecutionOperations.StartAsync,
            ["DescribeExecution"] = ExecutionOperations.DescribeAsync,
            ["ListExecutions"] = ExecutionOperations.ListAsync,
            ["StopExecution"] = ExecutionOperations.StopAsync,
            ["RedriveExecution"] = ExecutionOperations.RedriveAsync,
            ["GetExecutionHistory"] = ExecutionHistory.GetAsync,
            ["SendTaskSuccess"] = TaskOperations.SuccessAsync,
            ["SendTaskFailure"] = TaskOperations.FailureAsync,
            ["SendTaskHeartbeat"] = TaskOperations.HeartbeatAsync,
            ["CreateActivity"] = ActivityOperations.CreateAsync,
            ["DescribeActivity"] = ActivityOperations.DescribeAsync,
            ["ListActivities"] = ActivityOperations.ListAsync,
            ["DeleteActivity"] = ActivityOperations.DeleteAsync,
            ["GetActivityTask"] = ActivityOperations.GetTaskAsync,
            ["StartSyncExecution"] = SyncExecution.StartAsync,
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
