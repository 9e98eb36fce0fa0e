using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.DeleteActivity</c>.</summary>
internal static class DeleteActivityOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        // As AWS: deleting one that does not exist succeeds.
        await ActivityShared.Activities(request).DeleteAsync(ActivityShared.Name(call.Required("activityArn", 256)), ct);
        return new JsonObject();
    }
}
