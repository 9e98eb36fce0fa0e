using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Browser;

/// <summary>
/// Both order modes followed and finished by an operator in the console. The shared server runs with
/// <c>Payments__FailProbability=0</c> (ShopServer's default), so every payment goes through.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrderConsoleTests(BrowserFixture browser)
{
    // Generous: the machine has 2 cores shared by builds and other tests.
    private const float SlowMs = 60_000;
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(SlowMs);

    [Fact]
    public async Task Given_an_orchestrated_order_waiting_for_its_delivery_When_the_operator_marks_it_delivered_on_the_shop_page_Then_the_execution_SUCCEEDS_and_the_order_is_DELIVERED()
    {
        using var client = browser.Server.CreateClient();
        var placed = await client.PostAsJsonAsync("/order", new { customerId = "customer-1", itemId = "item-3" });
        placed.StatusCode.Should().Be(HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync());
        var accepted = (await placed.Content.ReadFromJsonAsync<JsonObject>())!;
        var orderId = (string)accepted["orderId"]!;
        var executionId = (string)accepted["executionId"]!;

        var page = await NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // The operator finds the order on the Shop data page and follows its trace to the execution.
        await page.GotoAsync("/admin/shop", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        var row = OrderRow(page, orderId);
        await Assertions.Expect(row).ToContainTextAsync("orchestrated");
        await BrowserFixture.ScreenshotAsync(page, "order-orchestrated-placed");
        await row.GetByRole(AriaRole.Link, new() { Name = "execution", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/executions/{executionId}", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync($"Execution {orderId}");

        // The page refreshes itself (htmx) while the workflow reserves, prices, pays and starts the delivery.
        await Assertions.Expect(page.Locator("#callback")).ToContainTextAsync("Wait For Delivery", new() { Timeout = SlowMs });
        await Assertions.Expect(page.Locator("#execution-status")).ToHaveTextAsync("RUNNING");
        var graph = page.Locator("#graph svg");
        await Assertions.Expect(graph).ToBeVisibleAsync(new() { Timeout = SlowMs });
        var current = graph.Locator("g.current");
        await Assertions.Expect(current).ToHaveCountAsync(1);
        await Assertions.Expect(current).ToContainTextAsync("Wait For Delivery");
        (await FillOfAsync(current)).Should().Be("rgb(255, 243, 191)", "the waiting state is drawn with the 'current' class's fill");
        foreach (var done in new[] { "Reserve Item", "Make Payment", "Payment Successful?", "Remove Item", "Start Delivery", "Write Order" })
            await Assertions.Expect(graph.Locator("g.visited", new() { HasText = done }).First).ToBeVisibleAsync();
        (await DescribeAsync(client, "customer-1", orderId))["status"]!.GetValue<string>().Should().Be("DELIVERING");
        await BrowserFixture.ScreenshotAsync(page, "order-orchestrated-waiting");

        // Logistics reports the delivery: the operator marks it delivered on the Shop data page; the Delivery
        // module records it and the Orders module answers the workflow's callback.
        await page.GotoAsync("/admin/shop", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        await OrderRow(page, orderId).GetByRole(AriaRole.Button, new() { Name = "Mark delivered" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Order {orderId}: delivery delivered.", new() { Timeout = SlowMs });

        await page.GotoAsync($"/admin/executions/{executionId}", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        await Assertions.Expect(page.Locator("#execution-status")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = SlowMs });
        await Assertions.Expect(page.Locator("#execution-output")).ToContainTextAsync("\"outcome\": \"DELIVERED\"");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("ExecutionSucceeded");
        await Assertions.Expect(page.Locator("#callback")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#graph svg")).ToBeVisibleAsync(new() { Timeout = SlowMs });
        await Assertions.Expect(page.Locator("#graph svg g.current")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#graph svg g.visited", new() { HasText = "Update Order Delivered" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "order-orchestrated-succeeded");

        await ReloadUntilStatusAsync(page, orderId, "DELIVERED");
        await BrowserFixture.ScreenshotAsync(page, "order-orchestrated-delivered");
        (await DescribeAsync(client, "customer-1", orderId))["status"]!.GetValue<string>().Should().Be("DELIVERED");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Given_an_event_driven_order_DELIVERING_When_the_operator_sends_Logistics_Delivered_from_the_events_page_Then_the_order_is_DELIVERED()
    {
        using var client = browser.Server.CreateClient();
        var created = await client.GetAsync(new Uri("/order/create/customer-2/item-3", UriKind.Relative));
        created.StatusCode.Should().Be(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        var orderId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!;
        // The choreography (payment, stock, delivery start) runs on the event dispatcher.
        await WaitForStatusAsync(client, "customer-2", orderId, "DELIVERING");

        var page = await NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/admin/shop", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        await Assertions.Expect(OrderRow(page, orderId).Locator("span.status")).ToHaveTextAsync("DELIVERING");
        await Assertions.Expect(OrderRow(page, orderId)).ToContainTextAsync("event-driven");
        await BrowserFixture.ScreenshotAsync(page, "order-event-driven-delivering");

        await page.GotoAsync("/admin/events", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        await page.GetByLabel("Event source").FillAsync("Logistics");
        await page.GetByLabel("Detail type").Last.FillAsync("Delivered");
        await page.GetByLabel("Event detail (JSON object)").FillAsync($$"""{"customerId": "customer-2", "orderId": "{{orderId}}"}""");
        await BrowserFixture.ScreenshotAsync(page, "order-event-driven-send-delivered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("published", new() { Timeout = SlowMs });

        await ReloadUntilStatusAsync(page, orderId, "DELIVERED");
        await BrowserFixture.ScreenshotAsync(page, "order-event-driven-delivered");

        // The order's trace: its events, ending with OrderDelivered.
        await OrderRow(page, orderId).GetByRole(AriaRole.Link, new() { Name = "events", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/events?orderId=*", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
        var events = page.Locator("table.events tbody");
        foreach (var detailType in new[] { "OrderCreated", "Delivered", "DeliveryWasDelivered", "OrderDelivered" })
            await Assertions.Expect(events.GetByRole(AriaRole.Link, new() { Name = detailType, Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(events.GetByRole(AriaRole.Link, new() { Name = "ErrorOrderDelivered", Exact = true })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "order-event-driven-events");
        (await DescribeAsync(client, "customer-2", orderId))["status"]!.GetValue<string>().Should().Be("DELIVERED");
        errors.Should().BeEmpty();
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        return page;
    }

    private static ILocator OrderRow(IPage page, string orderId) => page.Locator("table.orders tbody tr", new() { HasText = orderId });

    /// <summary>The Shop data page does not refresh itself: reload it until the order shows the status.</summary>
    private static async Task ReloadUntilStatusAsync(IPage page, string orderId, string status)
    {
        var clock = Stopwatch.StartNew();
        var seen = "(no row)";
        while (clock.Elapsed < Slow)
        {
            await page.GotoAsync("/admin/shop", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = SlowMs });
            var cell = OrderRow(page, orderId).Locator("span.status");
            if (await cell.CountAsync() == 1 && (seen = (await cell.InnerTextAsync()).Trim()) == status) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"Order {orderId} is {seen} on /admin/shop, not {status}, after {Slow.TotalSeconds} s.");
    }

    /// <summary>The computed fill of the node's shape, i.e. what Mermaid's classDef made of it.</summary>
    private static Task<string> FillOfAsync(ILocator node) =>
        node.EvaluateAsync<string>("g => getComputedStyle(g.querySelector('rect, polygon, path, circle')).fill");

    private static async Task<JsonObject> DescribeAsync(HttpClient client, string customerId, string orderId)
    {
        var response = await client.GetAsync(new Uri($"/order/describe/{customerId}/{Uri.EscapeDataString(orderId)}", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task WaitForStatusAsync(HttpClient client, string customerId, string orderId, string status)
    {
        var clock = Stopwatch.StartNew();
        var seen = "";
        while (clock.Elapsed < Slow)
        {
            if ((seen = (string)(await DescribeAsync(client, customerId, orderId))["status"]!) == status) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Order {orderId} is {seen}, not {status}, after {Slow.TotalSeconds} s.");
    }
}
