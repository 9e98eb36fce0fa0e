using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.DescribeStateMachine</c>.</summary>
internal static class DescribeStateMachineOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var definition = call.StateMachine(call.Required("stateMachineArn", 256));
        var result = StateMachineShared.Describe(call, definition, request.Services.GetStateMachineDates().CreationDate);
        result["status"] = "ACTIVE";
        result["type"] = await StateMachineShared.TypeAsync(request, definition.Name, ct);
        result["creationDate"] = result["updateDate"]!.DeepClone();
        result.Remove("updateDate");
        return result;
    }
}
