using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Kernel.Settings;
using Shop.Modules.Workflows;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Shop.Tests.Orders.EventDriven;
using Shop.Tests.Orders.Orchestrated;
using OrderEvents = Shop.Tests.Orders.EventDriven.Choreography;
using Shop.Tests.Workflows;

namespace Shop.Tests.Seeds;

/// <summary>Seed 000 (danilop/events-and-workflows) followed as its reader would, in its own words.</summary>
public sealed class Seed000RetailShopTests
{
    /// <summary>The seed's own example order id: "something similar to 2021-09-23T13:15:06.510Z".</summary>
    private const string SeedOrderId = "2021-09-23T13:15:06.510Z";

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string customerId, string orderId, string body) =>
        await client.PostAsync(new Uri($"/order/create/{customerId}/{Uri.EscapeDataString(orderId)}", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));

    // "POST /order/create/{customerId}/{orderId} # To start a create order workflow"
    [Fact]
    public async Task Given_the_seeds_api_list_When_POST_order_create_customerId_orderId_Then_the_workflow_runs_under_the_callers_order_id()
    {
        using var shop = new OrchestratedOrderDriver();

        var response = await CreateAsync(shop.Client, "customer-1", SeedOrderId, """{"itemId":"item-1"}""");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)body["orderId"]!).Should().Be(SeedOrderId);
        var executionId = (string)body["executionId"]!;
        ((string)(await shop.Client.DescribeAsync(executionId))["name"]!).Should().Be(SeedOrderId);
        await shop.WaitInStateAsync(executionId, "Wait For Delivery");
        // "curl -i <DeliveryApi>/delivered/<customerId>/<orderId>", then "check the order status".
        (await shop.GetAsync($"/delivery/delivered/customer-1/{SeedOrderId}")).Status.Should().Be(HttpStatusCode.OK);
        ((string)(await shop.WaitForEndAsync(executionId))["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.GetAsync($"/order/describe/customer-1/{SeedOrderId}")).Text("status").Should().Be("DELIVERED");
    }

    [Fact]
    public async Task Given_an_order_started_under_an_id_When_the_same_ids_are_posted_again_Then_the_first_start_answers_and_nothing_else_starts()
    {
        using var shop = new OrchestratedOrderDriver();
        var first = await CreateAsync(shop.Client, "customer-1", "order-42", """{"itemId":"item-2"}""");
        var firstBody = await first.Content.ReadFromJsonAsync<JsonObject>();

        // The seed's curl body names the customer too: accepted when it is the path's.
        var again = await CreateAsync(shop.Client, "customer-1", "order-42", """{"customerId":"customer-1","itemId":"item-2"}""");

        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        ((string)(await again.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!).Should().Be((string)firstBody!["executionId"]!);
        await shop.WaitInStateAsync((string)firstBody["executionId"]!, "Wait For Delivery");
        var executions = await shop.Client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Orders.PlaceOrder");
        executions!["executions"]!.AsArray().Should().ContainSingle(e => (string)e!["name"]! == "order-42");
        var item = await shop.GetAsync("/inventory/describe/item-2");
        (item.Int("available"), item.Int("sold")).Should().Be((4, 1), "one order took one unit");
    }

    [Theory]
    [InlineData("customer-1", "order-7", """{"itemId":"item-3"}""", HttpStatusCode.Conflict)]
    [InlineData("customer-2", "order-7", """{"itemId":"item-1"}""", HttpStatusCode.Conflict)]
    [InlineData("customer-9", "order-8", """{"itemId":"item-1"}""", HttpStatusCode.NotFound)]
    [InlineData("customer-1", "order-8", """{"itemId":"item-9"}""", HttpStatusCode.NotFound)]
    [InlineData("customer-1", "order-8", """{}""", HttpStatusCode.BadRequest)]
    [InlineData("customer-1", "order-8", """{"itemId":7}""", HttpStatusCode.BadRequest)]
    [InlineData("customer-1", "order-8", """not json""", HttpStatusCode.BadRequest)]
    [InlineData("customer-1", "order-8", """{"customerId":"customer-2","itemId":"item-1"}""", HttpStatusCode.BadRequest)]
    [InlineData("customer-1", "order 8", """{"itemId":"item-1"}""", HttpStatusCode.BadRequest)]
    public async Task Given_an_order_7_When_a_create_is_wrong_Then_the_answer_is_as_for_POST_order_and_nothing_starts(
        string customerId, string orderId, string body, HttpStatusCode expected)
    {
        using var shop = new OrchestratedOrderDriver();
        (await CreateAsync(shop.Client, "customer-1", "order-7", """{"itemId":"item-1"}""")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await shop.SettleAsync();

        var response = await CreateAsync(shop.Client, customerId, orderId, body);

        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["title"].Should().NotBeNull("a ProblemDetails says what was wrong");
        var executions = await shop.Client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Orders.PlaceOrder");
        executions!["executions"]!.AsArray().Should().ContainSingle();
        (await shop.GetAsync("/order/describe/customer-1/order-8")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    // "The Payment service randomly fails with probability set in the PAYMENT_FAIL_PROBABILITY environment variable."
    [Fact]
    public async Task Given_PAYMENT_FAIL_PROBABILITY_1_in_the_environment_When_the_shop_runs_Then_every_payment_fails_whatever_the_settings_file_says()
    {
        // ShopServer also sets Payments__FailProbability=0: the seed's variable wins.
        await using var server = await ShopServer.StartAsync(new Dictionary<string, string> { [SeedEnvironment.PaymentFailProbability] = "1" });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        (await client.GetAsync(new Uri("/payment/pay/10", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync(new Uri("/payment/pay/20", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("0.9", "0.9")]
    [InlineData("1.0", "1")]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void Given_the_seeds_variable_When_configuration_is_built_Then_it_feeds_Payments_FailProbability(string? variable, string? expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Other"] = "x" })
            .AddSeedEnvironment(name => name == "PAYMENT_FAIL_PROBABILITY" ? variable : null)
            .Build();

        configuration["Payments:FailProbability"].Should().Be(expected);
    }

    [Theory]
    [InlineData("twenty percent")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    public void Given_a_wrong_PAYMENT_FAIL_PROBABILITY_When_configuration_is_built_Then_the_shop_refuses_to_start_saying_why(string variable)
    {
        var build = () => new ConfigurationBuilder()
            .AddSeedEnvironment(name => name == "PAYMENT_FAIL_PROBABILITY" ? variable : null);

        build.Should().Throw<InvalidOperationException>().WithMessage("*PAYMENT_FAIL_PROBABILITY must be a number from 0 to 1*");
    }

    // "In Event source, you can put anything you want (for example, Logistics)"
    [Theory]
    [InlineData("Delivered", "DELIVERED")]
    [InlineData("DeliveryCanceled", "DELIVERY_CANCELED")]
    public async Task Given_an_orchestrated_order_in_delivery_When_an_outcome_event_comes_from_any_source_Then_the_order_completes(
        string detailType, string status)
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync("customer-3", "item-3");
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        var put = await shop.Client.PostAsJsonAsync("/events", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject
            {
                ["Source"] = "my.own.carrier", ["DetailType"] = detailType,
                ["Detail"] = $$"""{"customerId":"customer-3","orderId":"{{order.OrderId}}"}""",
            }),
        });

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string)(await shop.WaitForEndAsync(order.ExecutionId))["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.GetAsync($"/order/describe/customer-3/{order.OrderId}")).Text("status").Should().Be(status);
    }

    [Fact]
    public async Task Given_an_event_driven_order_in_delivery_When_Delivered_comes_from_any_source_Then_the_seeds_events_follow()
    {
        using var app = new ShopApp();
        using var client = app.CreateClient();
        var orderId = await client.CreateOrderAsync("customer-1", "item-1");
        await app.SettleAsync();

        await app.PutEventAsync("EventBridge console", "Delivered", OrderEvents.OrderKey("customer-1", orderId));
        await app.SettleAsync();

        // "Delivered (the event you sent ...), DeliveryWasDelivered (from the Delivery service), OrderDelivered (from the Order service)"
        (await app.EventNamesAsync(orderId)).Should().Equal([.. OrderEvents.UpToDelivering, "Delivered", "DeliveryWasDelivered", "OrderDelivered"]);
    }

    [Fact]
    public async Task Given_a_Delivered_event_of_another_source_that_names_no_order_When_dispatched_Then_it_is_left_alone()
    {
        using var app = new ShopApp();

        await app.PutEventAsync("car", "Delivered", new JsonObject { ["id"] = "car-88888" });
        await app.SettleAsync();

        (await app.StoredEventsAsync()).Select(e => e.DetailType).Should().Equal("Delivered");
    }

    // "The EventStoreTable has a primary key composed by who ... timeWhat : timestamp#eventType"
    [Fact]
    public async Task Given_events_put_with_earlier_times_When_a_customers_events_are_queried_Then_they_come_in_time_order()
    {
        using var app = new ShopApp();
        using var client = app.CreateClient();
        var detail = """{"customerId":"customer-1","orderId":"o-1"}""";
        JsonObject Entry(string detailType, string time) => new() { ["Source"] = "Order", ["DetailType"] = detailType, ["Detail"] = detail, ["Time"] = time };

        (await client.PostAsJsonAsync("/events", new JsonObject { ["Entries"] = new JsonArray(Entry("Third", "2021-09-23T13:15:08Z")) })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/events", new JsonObject { ["Entries"] = new JsonArray(Entry("First", "2021-09-23T13:15:06Z")) })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/events", new JsonObject { ["Entries"] = new JsonArray(Entry("Second", "2021-09-23T13:15:07Z")) })).EnsureSuccessStatusCode();

        var page = (await client.GetFromJsonAsync<JsonObject>("/events?who=C%23customer-1"))!;
        var items = page["items"]!.AsArray();
        items.Select(i => (string)i!["eventDetail"]!["detail-type"]!).Should().Equal("First", "Second", "Third");
        items.Select(i => (string)i!["timeWhat"]!).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }
}
