using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.Workflows;

/// <summary>
/// A local function, the shop's stand-in for a Lambda function: the event (the invocation's Payload) in, the
/// result out. It runs inside the calling step's unit of work (<paramref name="services"/> is the step's scope).
/// Throw <see cref="FunctionErrorException"/> to fail with a named error type, as a Lambda handler's errorType.
/// </summary>
public delegate Task<JsonNode?> LocalFunction(JsonNode? payload, IServiceProvider services, CancellationToken cancellationToken);

/// <summary>A function error with Lambda's <c>errorType</c> (any other exception's type name is used as its errorType).</summary>
public sealed class FunctionErrorException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}

/// <summary>A registered local function.</summary>
public sealed record LocalFunctionRegistration(string Name, LocalFunction Handler);

public static class LocalFunctionRegistrations
{
    /// <summary>
    /// Registers a local function, called by ASL Tasks with <c>arn:aws:states:::lambda:invoke</c> (FunctionName = the
    /// name or its ARN <c>arn:aws:lambda:{region}:{account}:function:{name}</c>) or with the function's ARN as Resource.
    /// </summary>
    public static IServiceCollection AddFunction(this IServiceCollection services, string name, LocalFunction handler)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"'{name}' is not a Lambda function name (1-64 letters, digits, '-' or '_').", nameof(name));
        return services.AddSingleton(new LocalFunctionRegistration(name, handler));
    }

    /// <summary>A synchronous function of its payload.</summary>
    public static IServiceCollection AddFunction(this IServiceCollection services, string name, Func<JsonNode?, JsonNode?> handler) =>
        services.AddFunction(name, (payload, _, _) => Task.FromResult(handler(payload)));
}
