using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: the engine's task tokens (seed 003's barista answers with one).</summary>
internal static class TaskOperations
{
    public static async Task<JsonNode?> SuccessAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var token = Token(call);
        var text = call.String("output") ?? throw SfnErrors.Validation("output", "Member must not be null");
        if (SfnCall.Utf8Length(text) > ExecutionOperations.MaxDataBytes)
            throw SfnErrors.Validation("output", $"Member must have length less than or equal to {ExecutionOperations.MaxDataBytes}");
        JsonNode? output;
        try
        {
            output = JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw SfnErrors.InvalidOutput($"the output is not valid JSON ({error.Message})");
        }
        await Run(() => call.Engine.SendTaskSuccessAsync(token, output, ct));
        return new JsonObject();
    }

    public static async Task<JsonNode?> FailureAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var token = Token(call);
        var error = call.String("error", 256);
        var cause = call.String("cause", 32768);
        await Run(() => call.Engine.SendTaskFailureAsync(token, error, cause, ct));
        return new JsonObject();
    }

    public static async Task<JsonNode?> HeartbeatAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var token = Token(call);
        await Run(() => call.Engine.SendTaskHeartbeatAsync(token, ct));
        return new JsonObject();
    }

    /// <summary>
    /// A token that cannot be one the shop hands out (too short, too long, or with characters outside its URL-safe
    /// base64) is InvalidToken; a well-formed one that is unknown or used is TaskDoesNotExist (the engine decides).
    /// </summary>
    private static string Token(SfnCall call)
    {
        var token = call.String("taskToken") ?? throw SfnErrors.Validation("taskToken", "Member must not be null");
        if (token.Length is < 16 or > 1024 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '+' or '/' or '='))
            throw SfnErrors.InvalidToken("the task token is not one the shop issues.");
        return token;
    }

    private static async Task Run(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (TaskTokenException error)
        {
            throw new AwsException(error.Error, error.Message);
        }
        catch (InvalidInputException error)
        {
            throw AwsException.Validation(error.Message);
        }
    }
}
