using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.StartExecution</c>.</summary>
internal static class StartExecutionOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("stateMachineArn", 256);
        var definition = call.StateMachine(arn);
        var name = call.String("name");
        if (name is not null) ExecutionShared.ValidateName(name);
        var input = ExecutionShared.ParseInput(call.String("input"));
        ExecutionShared.ValidateInput(request, definition.Name, input);
        var started = await ExecutionShared.StartAsync(call, arn, definition.Name, input, name, ct);
        var executionArn = call.ExecutionArn(started.Workflow, started.Name);
        // The engine answers an existing name with that execution; Step Functions does so only for the same input.
        if (!started.Created && !JsonNode.DeepEquals((await call.Engine.DescribeAsync(started.ExecutionId, ct)).Input, input))
            throw SfnErrors.ExecutionAlreadyExists(executionArn);
        return new JsonObject { ["executionArn"] = executionArn, ["startDate"] = SfnCall.Time(started.StartDate) };
    }
}
