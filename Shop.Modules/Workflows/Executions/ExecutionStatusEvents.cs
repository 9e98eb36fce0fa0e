using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// Step Functions' "Step Functions Execution Status Change" event (source aws.states) on the default bus, in the unit
/// of work that ends a top-level execution. Parallel branches and Map iterations publish nothing.
/// </summary>
/// <remarks>The publisher (and the event store's DbContext behind it) is resolved only when an execution ends: every step's
/// scope builds the engine, and most steps publish nothing.</remarks>
internal sealed class ExecutionStatusEvents(IServiceProvider services, AwsArns arns)
{
    public const string Source = "aws.states";
    public const string DetailType = "Step Functions Execution Status Change";

    public Task PublishAsync(ExecutionRow execution, CancellationToken ct)
    {
        var executionArn = arns.Execution(execution.Workflow, execution.Name);
        var detail = new JsonObject
        {
            ["executionArn"] = executionArn,
            ["stateMachineArn"] = arns.StateMachine(execution.Workflow),
            ["name"] = execution.Name,
            ["status"] = execution.Status,
            ["startDate"] = EpochMillis(execution.StartedAt),
            ["stopDate"] = execution.StoppedAt is null ? null : EpochMillis(execution.StoppedAt),
            ["input"] = execution.Input,
            ["output"] = execution.Output,
            ["error"] = execution.Error,
            ["cause"] = execution.Cause,
        };
        return services.GetRequiredService<IEventPublisher>().PublishAsync(Source, DetailType, detail, who: $"X#{execution.Id}", resources: [executionArn], cancellationToken: ct);
    }

    private static long EpochMillis(string time) => WorkflowsDbContext.ParseTime(time).ToUnixTimeMilliseconds();
}
