using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Architecture;

/// <summary>
/// Errors are in the contract: every operation of the OpenAPI document (GET /openapi/v1.json, what Scalar shows)
/// declares at least one 4xx problem it can answer, and every operation the admin guard protects declares its 401 and 403.
/// </summary>
public sealed partial class OpenApiProblemTests
{
    /// <summary>Operations that can answer no 4xx, each with why; remove one as soon as it can refuse something.</summary>
    private static readonly Dictionary<string, string> Unrefusing = new()
    {
        ["GET /admin/database"] = "reads the writer's in-memory counters: no input, nothing to refuse, open to every caller as other reads",
    };

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task Given_the_OpenAPI_document_Then_every_operation_declares_a_4xx_problem()
    {
        using var app = new ShopApp();
        using var client = app.CreateClient();
        var document = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var operations = Operations(document);
        operations.Should().HaveCountGreaterThan(50, "every module's routes are in the document");
        var without = operations.Where(o => !o.Value).Select(o => o.Key).ToList();

        without.Except(Unrefusing.Keys).Should().BeEmpty("every route declares the problems it can answer (ProducesProblem, or Results<...> with a 4xx)");
        foreach (var (operation, reason) in Unrefusing)
            without.Should().Contain(operation, $"it is listed as answering no 4xx ({reason}): remove it from the list once it declares its problems");
    }

    [Fact]
    public void Given_an_operation_without_a_4xx_Then_the_rule_reports_it()
    {
        var document = JsonNode.Parse("""
            {"paths": {
              "/a/{id}": {"parameters": [], "get": {"responses": {"200": {}, "404": {}}}, "post": {"responses": {"202": {}}}},
              "/b": {"put": {"responses": {"200": {}, "400": {}}}}
            }}
            """)!.AsObject();

        Operations(document).Where(o => !o.Value).Select(o => o.Key).Should().Equal("POST /a/{id}");
    }

    [Fact]
    public async Task Given_the_OpenAPI_document_Then_every_operation_the_admin_guard_protects_declares_401_and_403()
    {
        using var app = new ShopApp().FromAddress("203.0.113.7");
        using var client = app.CreateClient();
        var document = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var statuses = Statuses(document);

        // The guard's rule for API routes (AdminAccessMiddleware): every method but GET/HEAD, and GETs marked mutating.
        var guarded = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.HttpMethod is not ("GET" or "HEAD") || d.ActionDescriptor.EndpointMetadata.OfType<MutatingEndpointMetadata>().Any())
            .Select(d => (Method: d.HttpMethod!, Path: Normalize("/" + d.RelativePath)))
            .Distinct()
            .ToList();
        guarded.Should().HaveCountGreaterThan(30, "the modules' POSTs, PUTs, DELETEs and mutating GETs are guarded");

        var undeclared = new List<string>();
        foreach (var (method, path) in guarded)
        {
            var operation = $"{method} {path}";
            statuses.Should().ContainKey(operation, "every guarded route is in the document");
            if (!statuses[operation].Contains("401") || !statuses[operation].Contains("403")) undeclared.Add(operation);
            // The rule above is the guard's: from a remote address with no credential configured it refuses the route.
            var url = Parameter().Replace(path, "1");
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{operation} ({url}) is guarded");
        }
        undeclared.Should().BeEmpty("the admin guard's 401 and 403 are declared on every route it protects");
    }

    [Fact]
    public void Given_a_guarded_operation_without_401_or_403_Then_the_statuses_show_it()
    {
        var document = JsonNode.Parse("""
            {"paths": {
              "/a/{id}/": {"post": {"responses": {"200": {}, "401": {}, "403": {}}}, "put": {"responses": {"200": {}, "401": {}}}}
            }}
            """)!.AsObject();

        var statuses = Statuses(document);
        statuses["POST /a/{id}"].Should().Contain(["401", "403"]);
        statuses["PUT /a/{id}"].Should().NotContain("403");
        Normalize("/a/{id:long}/{**rest}/").Should().Be("/a/{id}/{rest}");
    }

    /// <summary>"POST /path" → the statuses the operation declares.</summary>
    private static Dictionary<string, HashSet<string>> Statuses(JsonObject document)
    {
        var statuses = new Dictionary<string, HashSet<string>>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                if (Methods.Contains(method))
                    statuses[$"{method.ToUpperInvariant()} {Normalize(path)}"] = ((operation?["responses"] as JsonObject) ?? []).Select(r => r.Key).ToHashSet();
        return statuses;
    }

    /// <summary>One spelling of a route for the document and the API explorer: no constraints or catch-all stars, no trailing slash.</summary>
    private static string Normalize(string path)
    {
        var plain = Parameter().Replace(path, m => "{" + m.Groups["name"].Value + "}");
        return plain.Length > 1 ? plain.TrimEnd('/') : plain;
    }

    [GeneratedRegex(@"\{\**(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex Parameter();

    /// <summary>"GET /path" → whether the operation declares a 4xx response.</summary>
    private static Dictionary<string, bool> Operations(JsonObject document)
    {
        var operations = new Dictionary<string, bool>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (!Methods.Contains(method)) continue;
                var responses = operation?["responses"] as JsonObject;
                operations[$"{method.ToUpperInvariant()} {path}"] = responses?.Any(r => r.Key.Length == 3 && r.Key[0] == '4') == true;
            }
        return operations;
    }
}
