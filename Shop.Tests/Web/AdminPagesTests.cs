using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Web;

public sealed class AdminPagesTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public AdminPagesTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task PublishAsync(string detailType, string detail = "{}")
    {
        var response = await _client.PostAsJsonAsync("/events", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject { ["Source"] = "pages-test", ["DetailType"] = detailType, ["Detail"] = detail }),
        });
        response.EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("/", "Dashboard")]
    [InlineData("/admin", "Dashboard")]
    [InlineData("/admin/events", "Events")]
    [InlineData("/admin/executions", "Executions")]
    [InlineData("/admin/shop", "Shop data")]
    [InlineData("/admin/settings", "Settings")]
    [InlineData("/login", "Admin login")]
    public async Task Given_the_console_When_a_page_is_opened_Then_it_renders_in_the_layout(string path, string heading)
    {
        var html = await _client.GetStringAsync(new Uri(path, UriKind.Relative));

        html.Should().Contain($"<h1>{heading}</h1>").And.Contain("/lib/htmx.min.js").And.Contain("href=\"/hangfire\"");
    }

    [Fact]
    public async Task Given_events_When_the_dashboard_polls_its_partial_Then_the_newest_come_first_without_the_layout()
    {
        await PublishAsync("FirstThing");
        await PublishAsync("SecondThing");

        var partial = await _client.GetStringAsync(new Uri("/?handler=Latest", UriKind.Relative));

        partial.Should().NotContain("<html").And.Contain("2 event(s) stored");
        partial.IndexOf("SecondThing", StringComparison.Ordinal).Should().BeLessThan(partial.IndexOf("FirstThing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_bad_time_filter_When_the_events_page_is_opened_Then_the_error_is_shown_on_the_form()
    {
        var response = await _client.GetAsync(new Uri("/admin/events?from=yesterday", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("&#x27;from&#x27; must be an ISO 8601 time");
    }

    [Fact]
    public async Task Given_30_events_When_the_events_page_is_filtered_and_paged_Then_it_shows_the_matching_page_and_keeps_the_filter()
    {
        for (var i = 0; i < 30; i++) await PublishAsync(i % 2 == 0 ? "Even" : "Odd", $$"""{"orderId":"order-{{i}}"}""");

        var odd = await _client.GetStringAsync(new Uri("/admin/events?detailType=Odd", UriKind.Relative));
        odd.Should().Contain("15 event(s)").And.NotContain(">Even<");
        var all = await _client.GetStringAsync(new Uri("/admin/events", UriKind.Relative));
        all.Should().Contain("30 event(s), newest first · page 1 of 2").And.Contain("p=2");
        var second = await _client.GetStringAsync(new Uri("/admin/events?p=2", UriKind.Relative));
        second.Should().Contain("page 2 of 2").And.Contain("order-0").And.NotContain("order-29");
        var byOrder = await _client.GetStringAsync(new Uri("/admin/events?orderId=order-7", UriKind.Relative));
        byOrder.Should().Contain("1 event(s)");
    }
}
