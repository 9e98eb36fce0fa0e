using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>SCENARIOS §1.1 through POST /order, every path of the workflow, checked by its history and the records it leaves.</summary>
public sealed class OrchestratedOrderTests
{
    private const string Buckingham = "London SW1A 1AA, UK";

    private static readonly string[] ToDelivering =
    [
        "Reserve Item", "Get Price", "Get Customer Address", "Estimate Delivery", "Add item price and delivery price",
        "Make Payment", "Payment Successful?", "Remove Item", "Start Delivery", "Write Order", "Wait For Delivery",
    ];

    private static readonly string[] CanceledTail = ["Return Item", "Cancel Payment", "Update Order Canceled", "Delivery Canceled"];

    [Fact]
    public async Task Given_an_order_When_delivered_Then_every_step_ran_and_the_order_is_DELIVERED()
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync();

        var created = await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}");
        created.Status.Should().Be(HttpStatusCode.OK, "the order is written with the start, before the 202");
        created.Text("mode").Should().Be("orchestrated");
        created.Text("executionId").Should().Be(order.ExecutionId);

        (await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery"))["status"]!.ToString().Should().Be(ExecutionStatus.Running);
        var waiting = await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}");
        waiting.Text("status").Should().Be("DELIVERING");

        (await shop.GetAsync($"/delivery/delivered/customer-1/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal([.. ToDelivering, "Delivered?", "Update Order Delivered", "Delivered"]);
        var history = await shop.Client.HistoryAsync(order.ExecutionId);
        ((string)history[^1]["type"]!).Should().Be("ExecutionSucceeded");
        history.Where(e => (string)e["state"]! == "Wait For Delivery" && (string)e["type"]! == "TaskSucceeded")
            .Select(e => (string)e["details"]!["output"]!["outcome"]!).Should().Equal("DELIVERED");

        var estimate = await shop.GetAsync($"/delivery/estimate/{Uri.EscapeDataString(Buckingham)}");
        var record = await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}");
        record.Text("status").Should().Be("DELIVERED");
        record.Text("mode").Should().Be("orchestrated");
        record.Text("itemId").Should().Be("item-1");
        record.Decimal("itemPrice").Should().Be(399.99m);
        record.Decimal("deliveryPrice").Should().Be(estimate.Decimal("price"));
        record.Decimal("total").Should().Be(399.99m + estimate.Decimal("price"));
        record.Text("deliveryAddress").Should().Be(Buckingham);
        record.Text("executionId").Should().Be(order.ExecutionId);

        var payment = await shop.GetAsync($"/payment/describe/{record.Text("paymentId")}");
        payment.Text("status").Should().Be("PAID");
        payment.Decimal("amount").Should().Be(record.Decimal("total"));
        (await shop.GetAsync($"/delivery/describe/customer-1/{order.OrderId}")).Text("status").Should().Be("DELIVERED");
        await ShouldHaveStock(shop, "item-1", available: 9, reserved: 0, sold: 1);
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_the_delivery_is_canceled_Then_item_returned_payment_canceled_and_DELIVERY_CANCELED()
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync("customer-2", "item-2");
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");
        await ShouldHaveStock(shop, "item-2", available: 4, reserved: 0, sold: 1);

        (await shop.GetAsync($"/delivery/cancel/customer-2/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal([.. ToDelivering, "Delivered?", .. CanceledTail]);
        var record = await shop.GetAsync($"/order/describe/customer-2/{order.OrderId}");
        record.Text("status").Should().Be("DELIVERY_CANCELED");
        (await shop.GetAsync($"/payment/describe/{record.Text("paymentId")}")).Text("status").Should().Be("CANCELED");
        (await shop.GetAsync($"/delivery/describe/customer-2/{order.OrderId}")).Text("status").Should().Be("CANCELED");
        await ShouldHaveStock(shop, "item-2", available: 5, reserved: 0, sold: 0);
    }

    [Theory]
    [InlineData("Delivered", "Update Order Delivered", "DELIVERED")]
    [InlineData("DeliveryCanceled", "Update Order Canceled", "DELIVERY_CANCELED")]
    public async Task Given_an_order_in_delivery_When_Logistics_puts_its_outcome_event_Then_the_workflow_completes_the_order(
        string detailType, string updateState, string orderStatus)
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync("customer-3", "item-3");
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        // PutEvents' own field names (PascalCase), Detail as a JSON string.
        var detail = $$"""{"customerId":"customer-3","orderId":"{{order.OrderId}}"}""";
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["Entries"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["Source"] = "Logistics", ["DetailType"] = detailType, ["Detail"] = detail }),
        };
        var put = await shop.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        ((int)(await put.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["FailedEntryCount"]!).Should().Be(0);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Contain(updateState);
        (await shop.GetAsync($"/order/describe/customer-3/{order.OrderId}")).Text("status").Should().Be(orderStatus);
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_no_outcome_comes_within_the_delivery_timeout_Then_the_shop_cancels_the_delivery()
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        await shop.AdvanceAsync(TimeSpan.FromSeconds(OrderWorkflow.DefaultDeliveryTimeoutSeconds - 1));
        ((string?)(await shop.Client.DescribeAsync(order.ExecutionId))["currentState"]).Should().Be("Wait For Delivery");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(2));
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal([.. ToDelivering, "Cancel Delivery", .. CanceledTail]);
        (await shop.Client.HistoryTypesAsync(order.ExecutionId)).Should().Contain("TaskTimedOut");
        var record = await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}");
        record.Text("status").Should().Be("DELIVERY_CANCELED");
        (await shop.GetAsync($"/payment/describe/{record.Text("paymentId")}")).Text("status").Should().Be("CANCELED");
        (await shop.GetAsync($"/delivery/describe/customer-1/{order.OrderId}")).Text("status").Should().Be("CANCELED");
        await ShouldHaveStock(shop, "item-1", available: 10, reserved: 0, sold: 0);

        var late = await shop.GetAsync($"/delivery/delivered/customer-1/{order.OrderId}");
        late.Status.Should().Be(HttpStatusCode.Conflict, "the shop canceled the delivery when the wait timed out");
    }

    [Fact]
    public async Task Given_Orders_DeliveryTimeout_When_the_workflow_is_described_Then_the_wait_uses_it()
    {
        using var shop = new OrchestratedOrderDriver(a => a.With("Orders:DeliveryTimeout", "5"));
        var workflows = await shop.Client.GetFromJsonAsync<List<WorkflowInfo>>("/workflows");

        var wait = workflows!.Single(w => w.Name == OrderWorkflow.Name).States.Single(s => s.Name == "Wait For Delivery");
        wait.TimeoutSeconds.Should().Be(5);
        wait.Type.Should().Be("Task (wait for callback)");
    }

    [Fact]
    public async Task Given_a_delivery_that_ended_before_the_order_waited_When_the_order_starts_waiting_Then_the_outcome_is_still_sent()
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        // The race, replayed: the delivery ended (and its event found no wait to complete) before the workflow
        // stored its token; what remains is the order's own "waiting" event, which must find the outcome itself.
        await using (var scope = shop.App.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var connection = scope.ServiceProvider.GetRequiredService<ShopConnection>();
            var events = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            await unitOfWork.ExecuteAsync(async ct =>
            {
                await using var command = connection.Connection.CreateCommand();
                command.CommandText = "UPDATE dlv_deliveries SET Status = 'DELIVERED' WHERE CustomerId = $c AND OrderId = $o";
                command.Parameters.AddWithValue("$c", order.CustomerId);
                command.Parameters.AddWithValue("$o", order.OrderId);
                (await command.ExecuteNonQueryAsync(ct)).Should().Be(1);
                await events.PublishAsync("Orders", "OrderWaitingForDelivery",
                    new System.Text.Json.Nodes.JsonObject { ["customerId"] = order.CustomerId, ["orderId"] = order.OrderId }, cancellationToken: ct);
            });
        }
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().EndWith(["Wait For Delivery", "Delivered?", "Update Order Delivered", "Delivered"]);
        (await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}")).Text("status").Should().Be("DELIVERED");
    }

    [Fact]
    public async Task Given_payments_that_always_fail_When_ordered_Then_item_unreserved_order_PAYMENT_FAILED_and_Payment_Failed()
    {
        using var shop = new OrchestratedOrderDriver(a => a.With("Payments:FailProbability", "1"));
        var order = await shop.PlaceAsync();
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Failed);
        ((string)execution["error"]!).Should().Be("PaymentFailed");
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal(
            "Reserve Item", "Get Price", "Get Customer Address", "Estimate Delivery", "Add item price and delivery price",
            "Make Payment", "Payment Successful?", "Unreserve Item", "Write Order Payment Failed", "Payment Failed");
        var record = await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}");
        record.Text("status").Should().Be("PAYMENT_FAILED");
        (await shop.GetAsync($"/payment/describe/{record.Text("paymentId")}")).Text("status").Should().Be("FAILED");
        (await shop.GetAsync($"/delivery/describe/customer-1/{order.OrderId}")).Status.Should().Be(HttpStatusCode.NotFound);
        await ShouldHaveStock(shop, "item-1", available: 10, reserved: 0, sold: 0);
    }

    [Fact]
    public async Task Given_no_stock_When_ordered_Then_Item_Not_Available_and_nothing_else_changes()
    {
        using var shop = new OrchestratedOrderDriver();
        for (var i = 0; i < 5; i++) (await shop.GetAsync("/inventory/reserve/item-2")).Status.Should().Be(HttpStatusCode.OK);

        var order = await shop.PlaceAsync("customer-3", "item-2");
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Failed);
        ((string)execution["error"]!).Should().Be("ItemNotAvailable");
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal("Reserve Item", "Write Order Item Not Available", "Item Not Available");
        var record = await shop.GetAsync($"/order/describe/customer-3/{order.OrderId}");
        record.Text("status").Should().Be("ITEM_NOT_AVAILABLE");
        record.Body.GetProperty("paymentId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await shop.GetAsync($"/delivery/describe/customer-3/{order.OrderId}")).Status.Should().Be(HttpStatusCode.NotFound);
        await ShouldHaveStock(shop, "item-2", available: 0, reserved: 5, sold: 0);
    }

    [Fact]
    public async Task Given_the_Add_service_failing_for_5_s_When_ordered_Then_it_is_retried_after_2_s_then_4_s_and_the_order_goes_on()
    {
        FlakyAdder? adder = null;
        using var shop = new OrchestratedOrderDriver(a => a.WithServices(s =>
            s.Replace(ServiceDescriptor.Singleton<IPriceAdder>(sp => adder = new FlakyAdder(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(5))))));
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Add item price and delivery price");
        (await AddFailuresAsync(shop, order)).Should().Be(1);

        await shop.AdvanceAsync(TimeSpan.FromSeconds(1.9));
        (await AddFailuresAsync(shop, order)).Should().Be(1, "the first retry waits IntervalSeconds = 2");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(0.2));
        (await AddFailuresAsync(shop, order)).Should().Be(2, "the Add service still fails 2.1 s in");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(3.9));
        (await AddFailuresAsync(shop, order)).Should().Be(2, "the second retry waits 2 × BackoffRate 2 = 4 s");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(0.2));
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        adder!.Failures.Should().BeGreaterThanOrEqualTo(2);
        var history = await shop.Client.HistoryAsync(order.ExecutionId);
        history.Where(e => (string?)e["state"] == "Add item price and delivery price").Select(e => (string)e["type"]!)
            .Should().Equal("TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited");
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal(ToDelivering);
        var record = await shop.GetAsync($"/order/describe/customer-1/{order.OrderId}");
        record.Decimal("total").Should().Be(record.Decimal("itemPrice") + record.Decimal("deliveryPrice"));
    }

    private static async Task<int> AddFailuresAsync(OrchestratedOrderDriver shop, OrchestratedOrderDriver.Placed order) =>
        (await shop.Client.HistoryAsync(order.ExecutionId))
            .Count(e => (string?)e["state"] == "Add item price and delivery price" && (string)e["type"]! == "TaskFailed");

    [Fact]
    public void Given_the_definition_Then_Add_retries_like_the_seed_2_s_6_attempts_backoff_2()
    {
        var add = OrderWorkflow.Define(OrderWorkflow.DefaultDeliveryTimeoutSeconds)["Add item price and delivery price"];

        add.Retries.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new RetryRule([StatesErrors.TaskFailed], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2));
    }

    [Fact]
    public async Task Given_100_concurrent_orders_for_an_item_with_10_in_stock_Then_exactly_10_get_past_reservation_and_stock_is_conserved()
    {
        using var shop = new OrchestratedOrderDriver();
        var customers = new[] { "customer-1", "customer-2", "customer-3" };

        var orders = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => shop.PlaceAsync(customers[i % 3], "item-1")));
        orders.Select(o => o.OrderId).Should().OnlyHaveUniqueItems();
        foreach (var order in orders) await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery", seconds: 120);

        var states = new List<string>();
        foreach (var order in orders) states.Add((string)(await shop.GetAsync($"/order/describe/{order.CustomerId}/{order.OrderId}")).Text("status"));
        states.Count(s => s == "DELIVERING").Should().Be(10);
        states.Count(s => s == "ITEM_NOT_AVAILABLE").Should().Be(90);
        await ShouldHaveStock(shop, "item-1", available: 0, reserved: 0, sold: 10);
    }

    [Theory]
    [InlineData("{\"itemId\":\"item-1\"}", "customerId")]
    [InlineData("{\"customerId\":\"customer-1\"}", "itemId")]
    [InlineData("{\"customerId\":\"customer 1\",\"itemId\":\"item-1\"}", "customerId")]
    [InlineData("{\"customerId\":\"customer-1\",\"itemId\":7}", "itemId")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"customerId\":", "body")]
    [InlineData("", "body")]
    public async Task Given_a_bad_body_When_posted_Then_400_naming_the_field_and_nothing_starts(string body, string field)
    {
        using var shop = new OrchestratedOrderDriver();
        var response = await shop.Client.PostAsync("/order", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        ((string)problem!["field"]!).Should().Be(field);
        await ShouldHaveNoExecutions(shop);
    }

    [Theory]
    [InlineData("customer-9", "item-1")]
    [InlineData("customer-1", "item-9")]
    public async Task Given_an_unknown_customer_or_item_When_posted_Then_404_and_nothing_starts(string customerId, string itemId)
    {
        using var shop = new OrchestratedOrderDriver();
        var response = await shop.Client.PostAsJsonAsync("/order", new { customerId, itemId });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ShouldHaveNoExecutions(shop);
    }

    private static async Task ShouldHaveNoExecutions(OrchestratedOrderDriver shop)
    {
        var page = await shop.GetAsync($"/workflows/executions?workflow={OrderWorkflow.Name}");
        page.Body.GetProperty("executions").GetArrayLength().Should().Be(0);
    }

    private static async Task ShouldHaveStock(OrchestratedOrderDriver shop, string itemId, int available, int reserved, int sold)
    {
        var item = await shop.GetAsync($"/inventory/describe/{itemId}");
        (item.Int("available"), item.Int("reserved"), item.Int("sold")).Should().Be((available, reserved, sold));
    }

    /// <summary>The seed's Add service having a bad moment: it fails until the shop's clock has moved <c>outage</c> past its first call.</summary>
    private sealed class FlakyAdder(TimeProvider clock, TimeSpan outage) : IPriceAdder
    {
        private readonly Lock _lock = new();
        private DateTimeOffset? _firstCall;

        public int Failures { get; private set; }

        public decimal Add(decimal itemPrice, decimal deliveryPrice)
        {
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                _firstCall ??= now;
                if (now - _firstCall < outage)
                {
                    Failures++;
                    throw new InvalidOperationException("Add is unavailable");
                }
            }
            return itemPrice + deliveryPrice;
        }
    }
}
