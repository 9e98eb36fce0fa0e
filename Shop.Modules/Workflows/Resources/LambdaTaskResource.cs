using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:::lambda:invoke</c> (answers as Step Functions' Lambda integration: Payload, StatusCode,
/// ExecutedVersion, SdkHttpMetadata) and a function's own ARN as Resource (answers the bare result), both over the
/// functions registered with <see cref="LocalFunctionRegistrations.AddFunction(IServiceCollection, string, LocalFunction)"/>.
/// A function's error fails the task with its errorType and cause <c>{"errorMessage","errorType"}</c>, as Lambda's do.
/// </summary>
internal sealed class LambdaTaskResource(IEnumerable<LocalFunctionRegistration> functions) : ITaskResource
{
    private const string Invoke = "arn:aws:states:::lambda:invoke";
    private readonly Dictionary<string, LocalFunction> _functions = functions.ToDictionary(f => f.Name, f => f.Handler, StringComparer.Ordinal);

    public bool Serves(string resource) => resource == Invoke || FunctionArn(resource) is not null;

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Resource != Invoke)
            return await RunAsync(FunctionArn(invocation.Resource)!, invocation.Input, invocation.Step, cancellationToken);

        var input = ResourceResponses.Object(invocation.Input, Invoke);
        var name = FunctionName(ResourceResponses.String(input, "FunctionName", "Lambda.InvalidParameterValueException"));
        var payload = input["Payload"]?.DeepClone();
        var invocationType = ResourceResponses.OptionalString(input, "InvocationType", "Lambda.InvalidParameterValueException") ?? "RequestResponse";
        if (invocationType is not ("RequestResponse" or "Event" or "DryRun"))
            throw new StepFailedException("Lambda.InvalidParameterValueException", $"InvocationType '{invocationType}' is not one of RequestResponse, Event, DryRun.");
        if (invocationType == "DryRun")
        {
            Function(name);
            return ResourceResponses.WithSdkMetadata(new JsonObject { ["StatusCode"] = 204 }, "application/json");
        }
        // An Event invocation is asynchronous on AWS; here it runs in the step too, so its effects commit with it.
        var result = await RunAsync(name, payload, invocation.Step, cancellationToken);
        var answer = new JsonObject { ["ExecutedVersion"] = "$LATEST" };
        if (invocationType == "RequestResponse") answer["Payload"] = result;
        answer["StatusCode"] = invocationType == "Event" ? 202 : 200;
        return ResourceResponses.WithSdkMetadata(answer, "application/json");
    }

    private LocalFunction Function(string name) => _functions.TryGetValue(name, out var function) ? function
        : throw new StepFailedException("Lambda.ResourceNotFoundException",
            $"Function not found: {name} (Service: Lambda, Status Code: 404, Error Code: ResourceNotFoundException). Local functions: {string.Join(", ", _functions.Keys.Order())}");

    private async Task<JsonNode?> RunAsync(string name, JsonNode? payload, StepContext step, CancellationToken cancellationToken)
    {
        var function = Function(name);
        try
        {
            return await function(payload?.DeepClone(), step.Services, cancellationToken);
        }
        catch (Exception error) when (error is not (OperationCanceledException or StepFailedException))
        {
            var type = error is FunctionErrorException named ? named.ErrorType : error.GetType().Name;
            throw new StepFailedException(type, new JsonObject { ["errorMessage"] = error.Message, ["errorType"] = type }.ToJsonString());
        }
    }

    /// <summary>The function's name from a name, a partial ARN or a full ARN, with or without a version or alias (only $LATEST exists here).</summary>
    internal static string FunctionName(string value)
    {
        var parts = value.Split(':');
        var name = parts switch
        {
            [var only] => only,
            [var only, _] when !value.StartsWith("arn:", StringComparison.Ordinal) => only,
            [_, "function", var n] => n,
            [_, "function", var n, _] => n,
            ["arn", _, "lambda", _, _, "function", var n, ..] => n,
            _ => throw new StepFailedException("Lambda.InvalidParameterValueException", $"'{value}' is not a function name or ARN."),
        };
        return name;
    }

    /// <summary>The function name of a Resource <c>arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]</c>, or null.</summary>
    private static string? FunctionArn(string resource) =>
        resource.Split(':') is ["arn", _, "lambda", _, _, "function", var name, ..] && name.Length > 0 ? name : null;
}
