using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.RedriveExecution</c>.</summary>
internal static class RedriveExecutionOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("executionArn", 256);
        call.String("clientToken", 64);
        var execution = await call.ExecutionAsync(arn, ct);
        try
        {
            await call.Engine.RedriveAsync(execution.ExecutionId, ct);
        }
        catch (ConflictException conflict)
        {
            throw SfnErrors.ExecutionNotRedrivable(conflict.Message);
        }
        return new JsonObject { ["redriveDate"] = SfnCall.Time(call.Clock.GetUtcNow()) };
    }
}
