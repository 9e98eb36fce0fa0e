using System.Net;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Host;

public sealed class HostTests
{
    [Fact]
    public async Task Given_a_fresh_data_folder_When_the_host_starts_Then_health_reports_the_database_reachable()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
        File.Exists(Path.Combine(app.DataFolder, "shop.db")).Should().BeTrue("the database lives in the configured data folder");
    }

    [Fact]
    public async Task Given_the_host_When_the_openapi_document_is_requested_Then_it_is_served()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
