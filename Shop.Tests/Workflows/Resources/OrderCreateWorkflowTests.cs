using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Tables.Contracts;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Resources;

/// <summary>
/// The sample's own order workflow (../shared/fixtures/upstream/order-create.asl.json, verbatim but for its SAM
/// substitutions) against the shop's own HTTP API, DynamoDB table <c>orders</c> and Add function: its four endings.
/// Each test has its own shop (payments decline only where the test says so).
/// </summary>
public sealed class OrderCreateWorkflowTests
{
    private static async Task<(ShopApp App, HttpClient Client)> StartShopAsync(string failProbability = "0")
    {
        var app = new ShopApp().With("Workflows:TimeScale", "0.001").With("Payments:FailProbability", failProbability);
        var client = app.CreateClient();
        var document = SharedFixtures.Read("upstream/order-create.asl.json")
            .Replace("${ServerlessHttpApiId}", "shop", StringComparison.Ordinal)
            .Replace("${AWSRegion}", "us-east-1", StringComparison.Ordinal)
            .Replace("${OrderTable}", "orders", StringComparison.Ordinal)
            .Replace("${AddFunctionArn}", "arn:aws:lambda:us-east-1:000000000000:function:Add", StringComparison.Ordinal);
        var response = await client.PutAsync("/workflows/order-create", new StringContent(document, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (app, client);
    }

    private static Task<string> StartOrderAsync(HttpClient client) =>
        client.StartAsync("order-create", JsonNode.Parse(SharedFixtures.Read("upstream/orderCreateWorkflowInput.json")));

    [SharedFixturesFact]
    public async Task Given_the_samples_order_workflow_When_run_on_the_shops_api_Then_the_order_is_written_and_delivered()
    {
        var (app, client) = await StartShopAsync();
        using var _ = app;

        var id = await StartOrderAsync(client);
        var order = await WaitForOrderAsync(app, client, id);
        await client.GetAsync($"/delivery/delivered/customer-1/{Uri.EscapeDataString(order)}");
        var done = await client.WaitForStatusAsync(id, "SUCCEEDED", 60);

        (await client.HistoryAsync(id)).Should().Contain(e => (string?)e["state"] == "Delivered");
        (await OrderItemAsync(app, order))["orderStatus"]!["S"]!.GetValue<string>().Should().Be("DELIVERED");
        var described = await client.GetOkAsync<OrderDto>($"/order/describe/customer-1/{Uri.EscapeDataString(order)}");
        described.Status.Should().Be(OrderStatus.Delivered);
        done["output"]!["payment"]!["total"].Should().NotBeNull();
    }

    [SharedFixturesFact]
    public async Task Given_the_samples_order_workflow_When_the_delivery_is_canceled_Then_the_item_returns_the_payment_is_canceled_and_the_order_DELIVERY_CANCELED()
    {
        var (app, client) = await StartShopAsync();
        using var _ = app;

        var id = await StartOrderAsync(client);
        var order = await WaitForOrderAsync(app, client, id);
        (await client.GetAsync($"/delivery/cancel/customer-1/{Uri.EscapeDataString(order)}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var done = await client.WaitForStatusAsync(id, "SUCCEEDED", 60);

        var states = (await client.HistoryAsync(id)).Select(e => (string?)e["state"]).ToList();
        states.Should().Contain(["Return Item", "Cancel Payment", "Update Order (Delivery Canceled)", "Delivery Canceled"]);
        states.Should().NotContain("Delivered");
        (await OrderItemAsync(app, order))["orderStatus"]!["S"]!.GetValue<string>().Should().Be("DELIVERY_CANCELED");
        ((string)done["output"]!["paid"]!["status"]!).Should().Be("CANCELED");
        var item = await client.GetOkAsync<ItemDto>("/inventory/describe/item-1");
        item.Sold.Should().Be(0, "Return Item gave the sold unit back");
    }

    [SharedFixturesFact]
    public async Task Given_payments_that_decline_When_the_samples_order_workflow_runs_Then_the_item_is_unreserved_and_the_order_PAYMENT_FAILED()
    {
        var (app, client) = await StartShopAsync(failProbability: "1");
        using var _ = app;
        var before = await client.GetOkAsync<ItemDto>("/inventory/describe/item-1");

        var id = await StartOrderAsync(client);
        var done = await client.WaitForStatusAsync(id, "SUCCEEDED", 60);

        var states = (await client.HistoryAsync(id)).Select(e => (string?)e["state"]).ToList();
        states.Should().Contain(["Unreserve Item", "Format Payment Error", "Write Order (Payment Failed)", "Payment Failed"]);
        states.Should().NotContain("Remove Item");
        var paymentId = (string)done["output"]!["notPaid"]!["Cause"]!["paymentId"]!;
        paymentId.Should().NotBeNullOrEmpty();
        var order = (string)done["output"]!["order"]!["orderId"]!;
        var written = await OrderItemAsync(app, order);
        written["orderStatus"]!["S"]!.GetValue<string>().Should().Be("PAYMENT_FAILED");
        written["paymentId"]!["S"]!.GetValue<string>().Should().Be(paymentId);
        // The declined payment's row rolled back with the failed step (apigateway:invoke joins the step's unit of work).
        var after = await client.GetOkAsync<ItemDto>("/inventory/describe/item-1");
        after.Available.Should().Be(before.Available, "Unreserve Item gave the reserved unit back");
    }

    [SharedFixturesFact]
    public async Task Given_an_item_with_no_stock_When_the_samples_order_workflow_runs_Then_reserve_answers_404_and_it_ends_in_Item_Not_Available()
    {
        var (app, client) = await StartShopAsync();
        using var _ = app;
        var available = (await client.GetOkAsync<ItemDto>("/inventory/describe/item-1")).Available;
        for (var i = 0; i < available; i++) (await client.GetAsync("/inventory/reserve/item-1")).StatusCode.Should().Be(HttpStatusCode.OK);

        var id = await StartOrderAsync(client);
        await client.WaitForStatusAsync(id, "SUCCEEDED", 60);

        var history = await client.HistoryAsync(id);
        history.Select(e => (string?)e["state"]).Should().Contain("Item Not Available").And.NotContain("Get Price");
        var page = await SendAsync(app, new Query("orders", "customerId = :c", Arguments: new(null, (JsonObject)JsonNode.Parse("""{":c":{"S":"customer-1"}}""")!)));
        page.Items.Should().BeEmpty("no order is written when the item is not available");
    }

    private static async Task<T> SendAsync<T>(ShopApp app, IRequest<T> request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static async Task<JsonObject> OrderItemAsync(ShopApp app, string order) =>
        (await SendAsync(app, new GetItem("orders", (JsonObject)JsonNode.Parse($$$"""{"customerId":{"S":"customer-1"},"orderId":{"S":"{{{order}}}"}}""")!))).Item!;

    /// <summary>The order id is the execution's start time ($$.Execution.StartTime), as the sample's Reserve Item selects it.</summary>
    private static async Task<string> WaitForOrderAsync(ShopApp app, HttpClient client, string executionId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var execution = await client.DescribeAsync(executionId);
            if ((string)execution["status"]! != "RUNNING") throw new InvalidOperationException($"The order workflow ended early: {execution.ToJsonString()}");
            var page = await SendAsync(app, new Query("orders", "customerId = :c", Arguments: new(null, (JsonObject)JsonNode.Parse("""{":c":{"S":"customer-1"}}""")!)));
            if (page.Items.Count > 0) return page.Items[0]["orderId"]!["S"]!.GetValue<string>();
            if (DateTime.UtcNow > until) throw new TimeoutException($"No order written; the execution is in {execution["currentState"]}.");
            await Task.Delay(100);
        }
    }
}
