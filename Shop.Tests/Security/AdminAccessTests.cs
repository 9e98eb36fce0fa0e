using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Security;

public sealed partial class AdminAccessTests
{
    private const string Remote = "203.0.113.7";
    private const string Key = "s3cret-key";

    private static StringContent OneEvent() => new(
        """{"Entries":[{"Source":"test","DetailType":"Poked","Detail":"{}"}]}""", System.Text.Encoding.UTF8, "application/json");

    private static HttpRequestMessage Post(string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = OneEvent() };
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    private static async Task<int> StoredEventsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/events"))!["total"]!.GetValue<int>();

    [Theory]
    [InlineData("POST", "/events")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/admin/events")]
    [InlineData("GET", "/admin/settings")]
    [InlineData("GET", "/hangfire")]
    [InlineData("DELETE", "/events/anything")]
    public async Task Given_no_credential_configured_When_a_remote_caller_asks_for_admin_things_Then_403_problem(string method, string path)
    {
        using var app = new ShopApp().FromAddress(Remote);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? OneEvent() : null });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await StoredEventsAsync(client)).Should().Be(0);
    }

    [Theory]
    [InlineData("/events")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/css/site.css")]
    [InlineData("/login")]
    public async Task Given_no_credential_configured_When_a_remote_caller_reads_the_api_Then_it_is_open(string path)
    {
        using var app = new ShopApp().FromAddress(Remote);
        var client = app.CreateClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_an_api_key_When_a_remote_caller_sends_it_Then_accepted_and_without_or_with_a_wrong_one_401()
    {
        using var app = new ShopApp().With("Admin:ApiKey", Key).FromAddress(Remote);
        var client = app.CreateClient();

        (await client.SendAsync(Post(null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Post("s3cret-kez"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Post(Key + "x"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await StoredEventsAsync(client)).Should().Be(0);

        (await client.SendAsync(Post(Key))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredEventsAsync(client)).Should().Be(1);

        var page = new HttpRequestMessage(HttpMethod.Get, "/admin/events");
        page.Headers.Add("X-Api-Key", Key);
        (await client.SendAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Given_a_loopback_caller_When_it_changes_things_or_opens_pages_Then_no_credential_is_needed(string? address)
    {
        using var app = address is null ? new ShopApp() : new ShopApp().FromAddress(address);
        var client = app.CreateClient();

        (await client.SendAsync(Post(null))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/admin/events", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredEventsAsync(client)).Should().Be(1);
    }

    [Fact]
    public async Task Given_a_login_configured_When_a_remote_browser_logs_in_Then_the_pages_open_and_before_that_it_is_sent_to_login()
    {
        using var app = new ShopApp().With("Admin:Username", "admin").With("Admin:Password", "pa55").FromAddress(Remote);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var before = await client.GetAsync(new Uri("/admin/events?who=x", UriKind.Relative));
        before.StatusCode.Should().Be(HttpStatusCode.Redirect);
        before.Headers.Location!.OriginalString.Should().Be("/login?returnUrl=%2Fadmin%2Fevents%3Fwho%3Dx");
        (await client.SendAsync(Post(null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await LogInAsync(client, "admin", "wrong")).StatusCode.Should().Be(HttpStatusCode.OK, "the form is shown again");
        (await client.GetAsync(new Uri("/admin/events", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var login = await LogInAsync(client, "admin", "pa55");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/admin/events?who=x");
        (await client.GetAsync(new Uri("/admin/events", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(Post(null))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_login_page_When_the_return_url_is_another_site_Then_the_login_lands_on_the_dashboard()
    {
        using var app = new ShopApp().With("Admin:Username", "admin").With("Admin:Password", "pa55").FromAddress(Remote);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var login = await LogInAsync(client, "admin", "pa55", "https://evil.example/");

        login.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task Given_the_send_events_form_When_posted_without_its_antiforgery_token_Then_400_and_nothing_published()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        var response = await client.PostAsync(new Uri("/admin/events?handler=Send", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Send.Source"] = "test", ["Send.DetailType"] = "Forged", ["Send.Detail"] = "{}" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StoredEventsAsync(client)).Should().Be(0);
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string username, string password, string returnUrl = "/admin/events?who=x")
    {
        var form = await client.GetStringAsync(new Uri("/login?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Username"] = username,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
