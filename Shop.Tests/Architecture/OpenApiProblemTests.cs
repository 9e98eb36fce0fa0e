using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Architecture;

/// <summary>
/// Errors are in the contract: every operation of the OpenAPI document (GET /openapi/v1.json, what Scalar shows)
/// declares at least one 4xx problem it can answer.
/// </summary>
public sealed class OpenApiProblemTests
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
