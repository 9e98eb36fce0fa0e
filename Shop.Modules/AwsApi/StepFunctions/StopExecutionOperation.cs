using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.StopExecution</c>.</summary>
internal static class StopExecutionOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        var error = call.String("error", 256);
        var cause = call.String("cause", 32768);
        var execution = await call.ExecutionAsync(arn, ct);
        try
        {
            await call.Engine.StopAsync(execution.ExecutionId, error, cause, ct);
        }
        catch (ConflictException conflict)
        {
            throw AwsException.Validation(conflict.Message);
        }
        var stopped = await call.Engine.DescribeAsync(execution.ExecutionId, ct);
        return new JsonObject { ["stopDate"] = SfnCall.Time(stopped.StopDate ?? call.Clock.GetUtcNow()) };
    }
}
