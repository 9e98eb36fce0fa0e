using Microsoft.Playwright;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Choreography;

[Collection(BrowserCollection.Name)]
public sealed class ChoreographyPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Given_the_car_seed_When_simulated_from_the_admin_page_Then_the_run_succeeds_and_its_graph_shows_the_path()
    {
        // Its own server: the seed's waits (46 s) × 0.01.
        await using var server = await ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__TimeScale"] = "0.01" });
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choreographies", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Choreographies");
        await Assertions.Expect(page.Locator("#choreography-SecondHandCar svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#choreography-MarketplaceOrder svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.Locator("#seed").SelectOptionAsync("second-hand-car-happy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start simulation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("started");

        var run = page.Locator("table.runs[data-choreography=SecondHandCar] tr[data-entity=car-88888]");
        await Assertions.Expect(run.Locator("td.status")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "choreographies");

        await run.GetByRole(AriaRole.Link, new() { Name = "car-88888" }).ClickAsync();
        await Assertions.Expect(page.Locator("strong.status")).ToHaveTextAsync("SUCCEEDED");
        var graph = page.Locator("pre.mermaid svg");
        await Assertions.Expect(graph).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(graph).ToContainTextAsync("InPreparation", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "choreography-car-execution");
        // The path the car took is styled as visited; nothing failed.
        var id = page.Url.Split('/')[^1];
        var text = await server.CreateClient().GetStringAsync($"/workflows/executions/{id}/graph");
        (await graph.Locator("g.visited").CountAsync()).Should().BeGreaterThanOrEqualTo(6, text);
        (await graph.Locator("g.failed").CountAsync()).Should().Be(0);
        await BrowserFixture.ScreenshotAsync(page, "choreography-car-execution");
        await context.CloseAsync();
    }
}
