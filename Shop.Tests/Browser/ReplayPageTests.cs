using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Shop.Tests.Browser;

/// <summary>The console's events page starts a replay of an archive (EventBridge's StartReplay) and shows its state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplayPageTests(BrowserFixture browser)
{
    private static async Task AwsAsync(HttpClient client, string operation, JsonObject body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        message.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSEvents." + operation);
        var response = await client.SendAsync(message);
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Given_an_archive_When_a_replay_is_started_from_the_events_page_Then_it_completes_and_its_copies_are_listed()
    {
        using var client = browser.Server.CreateClient();
        await AwsAsync(client, "CreateEventBus", new JsonObject { ["Name"] = "page-replays" });
        await AwsAsync(client, "CreateArchive", new JsonObject
        {
            ["ArchiveName"] = "page-archive", ["EventSourceArn"] = "arn:aws:events:us-east-1:000000000000:event-bus/page-replays",
        });
        await AwsAsync(client, "PutEvents", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject
            {
                ["EventBusName"] = "page-replays", ["Source"] = "browser.replay", ["DetailType"] = "Archived", ["Detail"] = """{"n": 1}""",
            }),
        });

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/events");
        await page.Locator("#Replay_Archive").SelectOptionAsync("page-archive");
        await page.GetByLabel("Replay name").FillAsync("page-replay-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start replay" }).ClickAsync();

        var row = page.Locator("#replays tbody tr", new() { HasText = "page-replay-1" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        for (var i = 0; i < 50 && await row.Locator(".state").InnerTextAsync() != "COMPLETED"; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("COMPLETED");
        await page.GotoAsync("/admin/events?bus=page-replays");
        await Assertions.Expect(page.Locator("table.events tbody tr", new() { HasText = "Archived" })).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "events-replay");

        // A second replay of the same name is refused on the form.
        await page.GotoAsync("/admin/events");
        await page.GetByLabel("Replay name").FillAsync("page-replay-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start replay" }).ClickAsync();
        await Assertions.Expect(page.Locator("#start-replay .error").First).ToContainTextAsync("already exists");
    }
}
