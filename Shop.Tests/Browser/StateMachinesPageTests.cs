using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Shop.Tests.Browser;

/// <summary>
/// The console's State machines page (paste ASL, see validation errors in place, create and update) and an ASL
/// execution's page showing its Map iterations: a table of them with links, and their count on the graph.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StateMachinesPageTests(BrowserFixture browser)
{
    private const string Unknown = """{"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Next": "Nowhere"}}}""";

    private const string EachItem = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Parameters": {"n.$": "$"}, "End": true}}},
          "End": true}}}
        """;

    [Fact]
    public async Task Given_the_console_When_ASL_is_pasted_validated_saved_and_run_Then_errors_show_in_place_and_the_Map_iterations_are_listed()
    {
        var name = "browser-map-" + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await page.Locator("header.topbar nav a", new() { HasText = "State machines" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("State machines");

        // An invalid document: the error names the state and the field, beside the definition; nothing is stored.
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Definition (ASL JSON)").FillAsync(Unknown);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#definition-error")).ToContainTextAsync("Double");
        await Assertions.Expect(page.Locator("#definition-error")).ToContainTextAsync("Next");
        await Assertions.Expect(page.GetByLabel("Definition (ASL JSON)")).ToHaveValueAsync(Unknown);
        await Assertions.Expect(page.Locator("#state-machines", new() { HasText = name })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "state-machine-invalid");

        await page.GetByLabel("Definition (ASL JSON)").FillAsync(EachItem);
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The definition is valid.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Created '{name}' (revision 1).");
        await Assertions.Expect(page.Locator("#state-machines")).ToContainTextAsync(name);

        // An update is the next revision.
        await page.GetByLabel("Definition (ASL JSON)").FillAsync(EachItem.Replace("\"n.$\"", "\"value.$\"", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saved '{name}' (revision 2).");

        var id = await StartAsync(name, new JsonObject { ["items"] = new JsonArray(1, 2, 3) });
        await page.GotoAsync($"/admin/executions/{id}", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#execution-status")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#children tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#children tbody tr").Nth(2)).ToContainTextAsync("Each");
        await Assertions.Expect(page.Locator("#children tbody tr").Nth(2)).ToContainTextAsync("SUCCEEDED");
        await Assertions.Expect(page.Locator("#graph svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#graph svg")).ToHaveAttributeAsync("aria-roledescription", "stateDiagram");
        await Assertions.Expect(page.Locator("#graph svg")).ToContainTextAsync("Map iterator - Double (3 iterations = 3 SUCCEEDED)");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("MapIterationSucceeded");
        await BrowserFixture.ScreenshotAsync(page, "execution-map-iterations");

        await page.Locator("#children tbody tr").Nth(1).GetByRole(AriaRole.Link, new() { Name = "open" }).ClickAsync();
        await Assertions.Expect(page.Locator("#execution-output")).ToContainTextAsync("\"value\": 2");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = id })).ToBeVisibleAsync();
        errors.Should().BeEmpty();
    }

    private async Task<string> StartAsync(string workflow, JsonObject input)
    {
        using var client = browser.Server.CreateClient();
        var response = await client.PostAsJsonAsync($"/workflows/{workflow}/executions", new JsonObject { ["input"] = input });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
    }
}
