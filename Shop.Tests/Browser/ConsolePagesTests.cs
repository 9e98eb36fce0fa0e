using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Browser;

/// <summary>A Shop.Web with <c>Workflows:Demo</c> on, for the Demo.Approval workflow (a wait-for-callback state).</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    private ShopServer? _server;

    public ShopServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _server = await ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__Demo"] = "true" });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ConsolePagesTests(BrowserFixture browser, DemoServerFixture demo) : IClassFixture<DemoServerFixture>
{
    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = demo.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private async Task<string> StartApprovalAsync()
    {
        using var client = demo.Server.CreateClient();
        var response = await client.PostAsJsonAsync("/workflows/Demo.Approval/executions",
            new JsonObject { ["name"] = "approval-" + Guid.NewGuid().ToString("N")[..8], ["input"] = new JsonObject { ["orderId"] = "order-browser" } });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
    }

    [Fact]
    public async Task Given_an_execution_waiting_for_approval_When_the_operator_answers_it_on_its_page_Then_the_graph_shows_it_and_it_SUCCEEDS()
    {
        var id = await StartApprovalAsync();
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // Not waiting for "load": Mermaid is a large script, slow to parse on a busy machine; the assertions below wait for what they need.
        await page.GotoAsync($"/admin/executions/{id}", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        // The worker reaches the callback state within moments; the page refreshes itself (htmx) until then.
        await Assertions.Expect(page.Locator("#callback")).ToContainTextAsync("Wait for approval", new() { Timeout = 15_000 });
        var graph = page.Locator("#graph svg");
        await Assertions.Expect(graph).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(graph.Locator("g.current")).ToHaveCountAsync(1);
        await Assertions.Expect(graph.Locator("g.current")).ToContainTextAsync("Wait for approval");
        await Assertions.Expect(graph.Locator("g.visited")).ToContainTextAsync("Prepare");
        await BrowserFixture.ScreenshotAsync(page, "execution-waiting");

        await page.GetByLabel("Output (JSON)").FillAsync("{\"approvedBy\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send task success" }).ClickAsync();
        await Assertions.Expect(page.Locator("#send-success .field-validation-error")).ToContainTextAsync("The output must be JSON");
        await Assertions.Expect(page.Locator("#execution-status")).ToHaveTextAsync("RUNNING");
        await BrowserFixture.ScreenshotAsync(page, "execution-invalid-output");

        await page.GetByLabel("Output (JSON)").FillAsync("{\"approvedBy\": \"browser\"}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send task success" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Callback answered with success.");
        await Assertions.Expect(page.Locator("#execution-status")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#execution-output")).ToContainTextAsync("\"approvedBy\": \"browser\"");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("ExecutionSucceeded");
        await Assertions.Expect(page.Locator("#graph svg g.current")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "execution-succeeded");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Given_the_console_When_every_navigation_link_is_followed_Then_each_page_renders_without_error()
    {
        await StartApprovalAsync();
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        var links = page.Locator("header.topbar nav a");
        var targets = new List<(string Text, string Href)>();
        for (var i = 0; i < await links.CountAsync(); i++)
            targets.Add(((await links.Nth(i).InnerTextAsync()).Trim(), (await links.Nth(i).GetAttributeAsync("href"))!));
        targets.Select(t => t.Href).Should().Contain(["/", "/admin/executions", "/admin/events", "/admin/shop", "/admin/settings", "/hangfire", "/scalar"]);

        foreach (var (text, href) in targets)
        {
            var errors = new List<string>();
            void OnError(object? sender, string error) => errors.Add(error);
            page.PageError += OnError;
            var response = await page.GotoAsync(href, new() { Timeout = 60_000 });
            response.Should().NotBeNull();
            response!.Status.Should().BeLessThan(400, "{0} ({1}) opens", text, href);
            if (href == "/" || href.StartsWith("/admin", StringComparison.Ordinal))
            {
                await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("header.topbar nav a.active")).ToHaveTextAsync(text);
                (await page.ContentAsync()).Should().NotContain("Exception", "{0} renders without error", href);
                errors.Should().BeEmpty("{0} runs no failing script", href);
            }
            page.PageError -= OnError;
            await BrowserFixture.ScreenshotAsync(page, "nav-" + text.ToLowerInvariant().Replace(' ', '-'));
        }

        // The executions list leads to an execution's page.
        await page.GotoAsync("/admin/executions?workflow=Demo.Approval");
        await page.Locator("table.executions tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Execution approval-");
    }
}
