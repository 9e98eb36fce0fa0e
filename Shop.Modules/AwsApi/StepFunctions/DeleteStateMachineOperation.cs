using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.DeleteStateMachine</c>.</summary>
internal static class DeleteStateMachineOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        // As AWS: deleting one that does not exist (any more) succeeds.
        await StateMachineChangeShared.Machines(request).DeleteAsync(StateMachineChangeShared.AslName(call, call.Required("stateMachineArn", 256)), ct);
        return null;
    }
}
