using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Security;

/// <summary>
/// Issue 13, point 4: every route that changes state, found in the endpoint data source (so a new one cannot be
/// forgotten), is refused when a browser sends it from another site, and from a remote address without credentials.
/// </summary>
public sealed class CrossSiteTests
{
    /// <summary>Every state-changing route as (method, a concrete path), with route values that satisfy its constraints.</summary>
    private static List<(string Method, string Path)> MutatingRoutes(ShopApp app)
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var mutatingGet = endpoint.Metadata.GetMetadata<MutatingEndpointMetadata>() is not null;
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                    parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") ? "1" : "x-1",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            }))));
            foreach (var method in methods.Where(m => m is not ("GET" or "HEAD" or "OPTIONS"))) routes.Add((method, path));
            if (mutatingGet && methods.Contains("GET")) routes.Add(("GET", path));
            if (isPage || methods.Count == 0) routes.Add(("POST", path));
        }
        return routes.Distinct().ToList();
    }

    [Fact]
    public async Task Given_every_mutating_route_When_a_browser_sends_it_cross_site_Then_403_and_nothing_runs()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var routes = MutatingRoutes(app);
        routes.Should().Contain(("GET", "/inventory/reserve/x-1")).And.Contain(("POST", "/events")).And.HaveCountGreaterThan(30);

        foreach (var (method, path) in routes)
        {
            foreach (var (header, value) in new[] { ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Origin", "https://evil.test") })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.TryAddWithoutValidation(header, value);
                var response = await client.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {path} with {header}: {value}");
            }
        }
    }

    [Fact]
    public async Task Given_every_mutating_route_When_a_remote_caller_has_no_credential_Then_it_is_refused()
    {
        using var app = new ShopApp().FromAddress("203.0.113.7");
        var client = app.CreateClient();

        // The login page is the one a remote admin must reach without a credential (it is rate-limited instead).
        foreach (var (method, path) in MutatingRoutes(app).Where(r => r.Path != "/login"))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            ((int)response.StatusCode).Should().BeOneOf([401, 403], $"{method} {path} from a remote address");
        }
    }

    [Fact]
    public async Task Given_the_shops_own_page_When_it_posts_same_origin_Then_it_passes_the_guard()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inventory/reserve/item-1");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost");

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_host_name_that_is_not_the_shops_When_a_request_comes_Then_400()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inventory/reserve/item-1");
        request.Headers.Host = "evil.test";

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetJsonAsync("/inventory/describe/item-1")).Int("reserved").Should().Be(0);
    }

    [Fact]
    public async Task Given_many_login_attempts_from_one_address_When_they_keep_coming_Then_429()
    {
        using var app = new ShopApp().With("Admin:LoginAttemptsPerMinute", "3").FromAddress("203.0.113.8");
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("Username", "a"), new("Password", "b")]))).StatusCode);

        statuses.Take(3).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses.Skip(3).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
    }
}
