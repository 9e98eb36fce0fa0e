using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.DescribeStateMachineForExecution</c>.</summary>
internal static class DescribeStateMachineForExecutionOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        var execution = await call.ExecutionAsync(arn, ct);
        // The revision the execution started on (an ASL machine may have been updated since); Parallel branches and Map
        // iterations run as executions of their own child definitions, which the registry also knows.
        if (!request.Services.GetRequiredService<IWorkflowDefinitions>().TryGet(execution.Workflow, execution.Revision, out var definition))
            throw SfnErrors.ExecutionDoesNotExist(arn);
        return StateMachineShared.Describe(call, definition, request.Services.GetStateMachineDates().CreationDate);
    }
}
