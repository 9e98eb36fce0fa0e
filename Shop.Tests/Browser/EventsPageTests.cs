using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Shop.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EventsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Given_the_admin_console_When_an_event_is_sent_from_the_form_Then_it_is_listed_with_its_json()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await BrowserFixture.ScreenshotAsync(page, "dashboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Events");
        await page.GetByLabel("Event source").FillAsync("browser-test");
        await page.GetByLabel("Detail type").Last.FillAsync("BrowserPoked");
        await page.GetByLabel("Event detail (JSON object)").FillAsync("""{"customerId": "customer-9", "note": "from the form"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("published");
        var row = page.Locator("table.events tbody tr", new() { HasText = "BrowserPoked" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("C#customer-9");
        await row.Locator("summary").ClickAsync();
        await Assertions.Expect(row.Locator("pre")).ToContainTextAsync("\"note\": \"from the form\"");
        await BrowserFixture.ScreenshotAsync(page, "events-sent");
    }

    [Fact]
    public async Task Given_the_send_form_When_the_detail_is_not_a_json_object_Then_the_error_is_shown_on_the_form()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/events");

        await page.GetByLabel("Event source").FillAsync("browser-test");
        await page.GetByLabel("Detail type").Last.FillAsync("Broken");
        await page.GetByLabel("Event detail (JSON object)").FillAsync("[1, 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(page.Locator("#send-event .field-validation-error")).ToContainTextAsync("Detail");
        await Assertions.Expect(page.GetByLabel("Event detail (JSON object)")).ToHaveValueAsync("[1, 2");
        await Assertions.Expect(page.Locator("table.events tbody tr", new() { HasText = "Broken" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "events-invalid-detail");
    }

    [Fact]
    public async Task Given_the_dashboard_is_open_When_an_event_is_published_Then_it_appears_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        using var client = browser.Server.CreateClient();
        var response = await client.PostAsJsonAsync("/events", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject { ["Source"] = "browser-test", ["DetailType"] = "LiveRefreshed", ["Detail"] = "{}" }),
        });
        response.EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("#latest-events")).ToContainTextAsync("LiveRefreshed", new() { Timeout = 10_000 });
        navigations.Should().Be(0, "htmx swapped the list in place");
    }
}
