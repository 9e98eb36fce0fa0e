using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.AwsApi;

public sealed class AwsApiRoutingTests : IDisposable
{
    private readonly ShopApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("AWSStepFunctions.NoSuchThing")]
    [InlineData("Nobody.ListThings")]
    [InlineData("")]
    public async Task Given_an_unknown_target_When_posted_Then_UnknownOperationException(string target)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        if (target.Length > 0) request.Headers.TryAddWithoutValidation("X-Amz-Target", target);

        var response = await _app.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["__type"]!.GetValue<string>().Should().Be("UnknownOperationException");
        body["message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }
}
