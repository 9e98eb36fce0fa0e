using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.Modules.AwsApi.DynamoDb;
using Shop.Modules.AwsApi.StepFunctions;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.AwsApi;

/// <summary>
/// The AWS-compatible API on the shop's one port: <c>POST /</c> routed by the <c>X-Amz-Target</c> header
/// (<c>AWSStepFunctions.StartExecution</c>, <c>AWSEvents.PutEvents</c>, <c>DynamoDB_20120810.PutItem</c>), so
/// the AWS CLI and SDKs work with <c>--endpoint-url</c>. Each service registers its operations with
/// <see cref="AddAwsService"/>; every operation is a thin adapter over the modules behind the REST API.
/// Signatures are not checked (a local tool); the admin rule applies as to every POST.
/// </summary>
public static class AwsApiModule
{
    public static IServiceCollection AddAwsApiModule(this IServiceCollection services, IConfiguration configuration)
    {
        // The settings and ARNs live in Kernel (events and workflows write them too); this module adds only the wire.
        services.AddDynamoDbApi();
        services.AddStepFunctionsApi();
        return EventBridge.EventBridgeApi.AddEventBridgeApi(services);
    }

    /// <summary>Registers one AWS service: its target prefix (before the dot), the JSON content type it answers with, and its operations.</summary>
    internal static IServiceCollection AddAwsService(this IServiceCollection services, string targetPrefix, string contentType,
        IReadOnlyDictionary<string, AwsOperation> operations) =>
        services.AddSingleton(new AwsService(targetPrefix, contentType, operations));

    public static IEndpointRouteBuilder MapAwsApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/", HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext http, IEnumerable<AwsService> services, ILoggerFactory loggers)
    {
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        var service = dot > 0 ? services.FirstOrDefault(s => s.TargetPrefix == target[..dot]) : null;
        var contentType = service?.ContentType ?? AwsService.Json10;
        try
        {
            if (service is null || !service.Operations.TryGetValue(target[(dot + 1)..], out var operation))
                throw new AwsException("UnknownOperationException", string.IsNullOrEmpty(target)
                    ? "The request has no X-Amz-Target header."
                    : $"The operation '{target}' is not known here.");
            var body = await ReadBodyAsync(http);
            var result = await operation(new AwsRequest(body, http.RequestServices, http), http.RequestAborted);
            await WriteAsync(http, StatusCodes.Status200OK, contentType, result ?? new JsonObject());
        }
        catch (AwsException error)
        {
            await WriteAsync(http, error.StatusCode, contentType, new JsonObject { ["__type"] = error.Code, ["message"] = error.Message });
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception error) when (AwsException.FromDomain(error) is { } mapped)
        {
            await WriteAsync(http, mapped.StatusCode, contentType, new JsonObject { ["__type"] = mapped.Code, ["message"] = mapped.Message });
        }
        catch (Exception error)
        {
            loggers.CreateLogger(typeof(AwsApiModule)).LogError(error, "AWS API operation {Target} failed", target);
            await WriteAsync(http, StatusCodes.Status500InternalServerError, contentType,
                new JsonObject { ["__type"] = "InternalFailure", ["message"] = "The shop could not complete the request." });
        }
    }

    /// <summary>The request body as a JSON object; an empty body is an empty request (the CLI sends "{}").</summary>
    private static async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return new JsonObject();
        try
        {
            // The shop's one strict reader: duplicate keys and invalid text are refused here, not found later.
            return JsonBody.Parse(text, "body") as JsonObject
                ?? throw new AwsException("SerializationException", "The request body must be a JSON object.");
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException or InvalidInputException)
        {
            throw new AwsException("SerializationException", "The request body is not valid JSON: " + error.Message);
        }
    }

    private static async Task WriteAsync(HttpContext http, int status, string contentType, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }
}

/// <summary>One operation: the request's JSON in, the response's JSON out (null: <c>{}</c>); errors as <see cref="AwsException"/>.</summary>
internal delegate Task<JsonNode?> AwsOperation(AwsRequest request, CancellationToken cancellationToken);

/// <param name="Services">The request's scope: the same unit of work, connection and mediator as a REST call.</param>
internal sealed record AwsRequest(JsonObject Body, IServiceProvider Services, HttpContext Http);

internal sealed record AwsService(string TargetPrefix, string ContentType, IReadOnlyDictionary<string, AwsOperation> Operations)
{
    public const string Json10 = "application/x-amz-json-1.0";
    public const string Json11 = "application/x-amz-json-1.1";
}
