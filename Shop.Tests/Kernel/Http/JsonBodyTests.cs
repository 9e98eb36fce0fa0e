using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Kernel.Http;

/// <summary>Issue 13, points 3 and 6: one reader for JSON bodies, problems always JSON, ids checked where they become paths.</summary>
public sealed class JsonBodyTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public JsonBodyTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpStatusCode Status, JsonObject? Problem, string? MediaType)> PostAsync(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null, response.Content.Headers.ContentType?.MediaType);
    }

    private Task<(HttpStatusCode Status, JsonObject? Problem, string? MediaType)> PostAsync(string path, string json, string contentType = "application/json") =>
        PostAsync(path, Encoding.UTF8.GetBytes(json), contentType);

    public static TheoryData<string> Routes => new() { "/order", "/coffee/orders", "/skiptheline/orders", "/fulfillment", "/events", "/rules/test" };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Given_a_body_with_a_duplicate_key_When_posted_Then_400_naming_the_body(string path)
    {
        var (status, problem, _) = await PostAsync(path, """{"a":1,"a":2}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["field"]!.GetValue<string>().Should().Be("body");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Given_a_lone_surrogate_When_posted_Then_400_naming_where(string path)
    {
        var (status, problem, _) = await PostAsync(path, """{"customerId":"\ud800x","x":{"y":["\udc00"]}}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["detail"]!.GetValue<string>().Should().Contain("not valid Unicode");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Given_a_lone_surrogate_in_a_key_When_posted_Then_400(string path)
    {
        var (status, _, _) = await PostAsync(path, """{"\udc00":1}""");
        status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Given_invalid_UTF8_or_another_media_type_or_charset_When_posted_Then_4xx(string path)
    {
        (await PostAsync(path, [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "application/json")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync(path, "{}", "text/plain")).Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await PostAsync(path, "{}", "application/x-www-form-urlencoded")).Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await PostAsync(path, "{}", "application/json; charset=utf-16")).Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await PostAsync(path, "{}", "application/json; charset=x-unknown")).Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Given_a_wrong_type_When_an_order_is_posted_Then_400_naming_the_field()
    {
        var (status, problem, _) = await PostAsync("/order", """{"customerId":12,"itemId":"item-1"}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["field"]!.GetValue<string>().Should().Be("customerId");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    [InlineData("application/xml;q=0.9, */*;q=0")]
    public async Task Given_a_non_JSON_Accept_When_the_route_answers_404_Then_a_JSON_404_not_a_500(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/order/describe/nobody/none");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Given_an_order_id_that_climbs_out_When_the_pre_order_workflow_is_started_generically_Then_400_and_no_file_is_written()
    {
        var (status, problem, _) = await PostAsync("/workflows/SkipTheLine.PreOrder/executions",
            """{"input":{"orderId":"x/../../../escaped","accountId":"a-1","vendorId":"v-1","items":[{"name":"tea","quantity":1}]}}""");

        status.Should().Be(HttpStatusCode.BadRequest);
        problem!["field"]!.GetValue<string>().Should().Be("orderId");
        Directory.GetFiles(Path.GetTempPath(), "escaped.json", SearchOption.TopDirectoryOnly).Should().BeEmpty();
        Directory.GetFiles(_app.DataFolder, "*escaped*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Given_a_relative_path_When_it_climbs_out_of_its_folder_Then_it_is_refused()
    {
        var folder = Path.Combine(_app.DataFolder, "invoices");
        Shop.Modules.Kernel.Http.Require.PathUnder(folder, "INV-1.json", "f").Should().Be(Path.Combine(folder, "INV-1.json"));
        foreach (var bad in new[] { "../x.json", "x/../../x.json", "/etc/passwd", "..", "" })
            FluentActions.Invoking(() => Shop.Modules.Kernel.Http.Require.PathUnder(folder, bad, "f"))
                .Should().Throw<Shop.Modules.Kernel.Http.InvalidInputException>(bad);
    }
}
