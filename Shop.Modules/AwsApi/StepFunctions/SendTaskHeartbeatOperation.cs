using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.SendTaskHeartbeat</c>.</summary>
internal static class SendTaskHeartbeatOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var token = TaskShared.Token(call);
        await TaskShared.Run(() => call.Engine.SendTaskHeartbeatAsync(token, ct));
        return new JsonObject();
    }
}
