using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:::apigateway:invoke</c>: the shop's own HTTP API, whatever the ApiEndpoint host. The matching
/// endpoint runs in process on the step's own services, so its writes join the step's unit of work (a separate HTTP
/// request would wait for the single writer the step holds, and would commit apart from it). Answers
/// <c>{ResponseBody, StatusCode, StatusText, Headers}</c>; a non-2xx raises <c>ApiGateway.{status}</c> with the body
/// as cause, and the step's effects (the failed call's too) roll back with it.
/// </summary>
internal sealed class ApiGatewayTaskResource : ITaskResource
{
    private const string Arn = "arn:aws:states:::apigateway:invoke";

    public bool Serves(string resource) => resource == Arn;

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var input = ResourceResponses.Object(invocation.Input, Arn);
        const string invalid = "ApiGateway.InvalidParameter";
        var method = (ResourceResponses.OptionalString(input, "Method", invalid) ?? "GET").ToUpperInvariant();
        var path = ResourceResponses.OptionalString(input, "Path", invalid) ?? "/";
        if (!path.StartsWith('/')) path = "/" + path;

        var http = new DefaultHttpContext { RequestServices = invocation.Step.Services };
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(ResourceResponses.OptionalString(input, "ApiEndpoint", invalid) ?? "localhost");
        http.Request.Path = PathString.FromUriComponent(path);
        http.Request.QueryString = Query(input["QueryParameters"]);
        foreach (var (name, values) in Headers(input["Headers"])) http.Request.Headers[name] = values;
        if (input["RequestBody"] is { } body)
        {
            var text = body is JsonValue v && v.TryGetValue<string>(out var s) ? s : body.ToJsonString();
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(text));
            http.Request.ContentLength = http.Request.Body.Length;
            if (string.IsNullOrEmpty(http.Request.ContentType)) http.Request.ContentType = "application/json";
        }
        var response = new MemoryStream();
        http.Response.Body = response;

        await RunAsync(http, cancellationToken);

        response.Position = 0;
        var responseText = Encoding.UTF8.GetString(response.ToArray());
        var status = http.Response.StatusCode;
        if (status is < 200 or > 299) throw new StepFailedException($"ApiGateway.{status}", responseText);
        return new JsonObject
        {
            ["ResponseBody"] = ParseBody(responseText),
            ["StatusCode"] = status,
            ["StatusText"] = ReasonPhrases.GetReasonPhrase(status),
            ["Headers"] = new JsonObject(http.Response.Headers.Select(h =>
                KeyValuePair.Create(h.Key, (JsonNode?)new JsonArray(h.Value.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray())))),
        };
    }

    /// <summary>Finds the endpoint (method and route template) and runs it; domain errors answer as the shop's ProblemDetails.</summary>
    private static async Task RunAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (endpoint, values) = Match(http.RequestServices.GetRequiredService<EndpointDataSource>(), http.Request.Method, http.Request.Path.Value ?? "/");
        if (endpoint is null)
        {
            await WriteProblemAsync(http, 404, "Not Found", $"No endpoint of the shop answers {http.Request.Method} {http.Request.Path}.", null);
            return;
        }
        http.SetEndpoint(endpoint);
        http.Request.RouteValues = values!;
        http.RequestAborted = cancellationToken;
        try
        {
            await endpoint.RequestDelegate!(http);
        }
        catch (DomainException error)
        {
            await WriteProblemAsync(http, error.StatusCode, error.Title, error.Message, error.Extensions);
        }
        catch (BadHttpRequestException error)
        {
            await WriteProblemAsync(http, error.StatusCode, "Invalid request", error.InnerException?.Message ?? error.Message, null);
        }
    }

    private static (RouteEndpoint? Endpoint, RouteValueDictionary? Values) Match(EndpointDataSource source, string method, string path)
    {
        var candidates = source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RequestDelegate is not null && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { } m && m.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase))
            // Literal routes before parameterised ones, as the router prefers them.
            .OrderBy(e => e.Order).ThenBy(e => e.RoutePattern.Parameters.Count);
        foreach (var endpoint in candidates)
        {
            var values = new RouteValueDictionary();
            var matcher = new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText ?? "/"), new RouteValueDictionary());
            if (matcher.TryMatch(path, values)) return (endpoint, values);
        }
        return (null, null);
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail, IDictionary<string, object?>? extensions)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        var problem = new JsonObject { ["title"] = title, ["status"] = status, ["detail"] = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
            problem[key] = JsonSerializer.SerializeToNode(value, WorkflowJson.Options);
        await http.Response.WriteAsync(problem.ToJsonString(), http.RequestAborted);
    }

    private static QueryString Query(JsonNode? parameters)
    {
        if (parameters is not JsonObject map) return QueryString.Empty;
        var pairs = map.SelectMany(p => Values(p.Value).Select(v => KeyValuePair.Create(p.Key, (string?)v)));
        return QueryString.Create(pairs);
    }

    private static IEnumerable<(string Name, StringValues Values)> Headers(JsonNode? headers) =>
        headers is JsonObject map ? map.Select(p => (p.Key, new StringValues(Values(p.Value).ToArray()))) : [];

    /// <summary>API Gateway's parameters are lists of strings; a single string is taken too.</summary>
    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(v => v is JsonValue x && x.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? ""),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        null => [],
        _ => [node.ToJsonString()],
    };

    private static JsonNode? ParseBody(string text)
    {
        if (text.Length == 0) return "";
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
