using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.DescribeExecution</c>.</summary>
internal static class DescribeExecutionOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var e = await call.ExecutionAsync(call.Required("executionArn", 256), ct);
        var result = new JsonObject
        {
            ["executionArn"] = call.ExecutionArn(e.Workflow, e.Name),
            ["stateMachineArn"] = call.Arns.StateMachine(e.Workflow),
            ["name"] = e.Name,
            ["status"] = e.Status,
            ["startDate"] = SfnCall.Time(e.StartDate),
        };
        if (e.StopDate is { } stop) result["stopDate"] = SfnCall.Time(stop);
        result["input"] = SfnCall.Text(e.Input) ?? "{}";
        result["inputDetails"] = new JsonObject { ["included"] = true };
        if (e.Status == ExecutionStatus.Succeeded)
        {
            result["output"] = SfnCall.Text(e.Output) ?? "null";
            result["outputDetails"] = new JsonObject { ["included"] = true };
        }
        if (e.Error is not null) result["error"] = e.Error;
        if (e.Cause is not null) result["cause"] = e.Cause;
        result["redriveCount"] = e.RedriveCount;
        if (e.RedriveDate is { } redriven) result["redriveDate"] = SfnCall.Time(redriven);
        return result;
    }
}
