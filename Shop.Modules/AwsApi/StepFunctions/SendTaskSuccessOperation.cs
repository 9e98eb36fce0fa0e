using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.SendTaskSuccess</c>.</summary>
internal static class SendTaskSuccessOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var token = TaskShared.Token(call);
        var text = call.String("output") ?? throw SfnErrors.Validation("output", "Member must not be null");
        if (SfnCall.Utf8Length(text) > ExecutionShared.MaxDataBytes)
            throw SfnErrors.Validation("output", $"Member must have length less than or equal to {ExecutionShared.MaxDataBytes}");
        JsonNode? output;
        try
        {
            output = JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw SfnErrors.InvalidOutput($"the output is not valid JSON ({error.Message})");
        }
        await TaskShared.Run(() => call.Engine.SendTaskSuccessAsync(token, output, ct));
        return new JsonObject();
    }
}
