using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.SendTaskFailure</c>.</summary>
internal static class SendTaskFailureOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var token = TaskShared.Token(call);
        var error = call.String("error", 256);
        var cause = call.String("cause", 32768);
        await TaskShared.Run(() => call.Engine.SendTaskFailureAsync(token, error, cause, ct));
        return new JsonObject();
    }
}
