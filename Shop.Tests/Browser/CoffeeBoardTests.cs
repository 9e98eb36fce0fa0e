using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Shop.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CoffeeBoardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Given_a_waiting_drink_When_the_barista_clicks_Complete_on_the_board_Then_it_shows_as_completed_by_them()
    {
        var orderId = $"browser-{Guid.NewGuid():N}"[..20];
        using var client = browser.Server.CreateClient();
        var placed = await client.PostAsJsonAsync("/coffee/orders", new { orderId, userId = "lars.roewekamp", drink = "Americano grande latte" });
        placed.StatusCode.Should().Be(HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync());
        await WaitForStatusAsync(client, orderId, "waiting");

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Coffee", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Coffee");
        var waiting = page.Locator($"table.waiting-drinks tr[data-order='{orderId}']");
        await Assertions.Expect(waiting).ToContainTextAsync("Americano grande latte");

        await page.GetByLabel($"Barista name for {orderId}").FillAsync("Julia");
        await BrowserFixture.ScreenshotAsync(page, "coffee-board-waiting");
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{orderId} (Americano grande latte) completed by Julia");
        var finished = page.Locator($"table.recent-drinks tr[data-order='{orderId}']");
        // The board refreshes itself (htmx): the workflow's last step may commit just after the redirect.
        await Assertions.Expect(finished).ToContainTextAsync("completed", new() { Timeout = 15_000 });
        await Assertions.Expect(finished).ToContainTextAsync("Julia");
        await Assertions.Expect(page.Locator($"table.waiting-drinks tr[data-order='{orderId}']")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "coffee-board-completed");
        (await WaitForStatusAsync(client, orderId, "completed"))["baristaId"]!.GetValue<string>().Should().Be("Julia");
    }

    private static async Task<JsonObject> WaitForStatusAsync(HttpClient client, string orderId, string status)
    {
        for (var i = 0; i < 400; i++)
        {
            var response = await client.GetAsync(new Uri($"/coffee/orders/{orderId}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var drink = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if ((string?)drink["status"] == status) return drink;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"Drink {orderId} never became {status}.");
    }
}
