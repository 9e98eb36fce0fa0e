using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>What SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat share (each is its own XOperation.cs): the engine's task tokens (seed 003's barista answers with one).</summary>
internal static class TaskShared
{
    /// <summary>
    /// A token that cannot be one the shop hands out (too short, too long, or with characters outside its URL-safe
    /// base64) is InvalidToken; a well-formed one that is unknown or used is TaskDoesNotExist (the engine decides).
    /// </summary>
    internal static string Token(SfnCall call)
    {
        var token = call.String("taskToken") ?? throw SfnErrors.Validation("taskToken", "Member must not be null");
        if (token.Length is < 16 or > 1024 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '+' or '/' or '='))
            throw SfnErrors.InvalidToken("the task token is not one the shop issues.");
        return token;
    }

    internal static async Task Run(Func<Task> send)
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
