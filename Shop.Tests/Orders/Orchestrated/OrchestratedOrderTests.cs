using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;
using Shop.Tests.Workflows;
using static Shop.Tests.Orders.Orchestrated.OrchestratedOrderExpectations;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>
/// SCENARIOS §1.1 through POST /order, every path of the workflow, checked by its history and the records it leaves:
/// here the paths through delivery; failures, retries and bad requests have test classes of their own beside this one.
/// </summary>
public sealed class OrchestratedOrderTests
{
    private const string Buckingham = "London SW1A 1AA, UK";

    [Fact]
    public async Task Given_an_order_When_delivered_Then_every_step_ran_and_the_order_is_DELIVERED()
    {
        using var shop = new OrchestratedOrderDriver();
        var (customer, item) = await shop.GivenAsync(AnItem.Stocked(10).Priced(399.99m), ACustomer.LivingAt(Buckingham));
        var order = await shop.PlaceAsync(customer, item);

        var created = await shop.GetAsync($"/order/describe/{customer.CustomerId}/{order.OrderId}");
        created.Status.Should().Be(HttpStatusCode.OK, "the order is written with the start, before the 202");
        created.As<OrderDto>().Mode.Should().Be(OrderMode.Orchestrated);
        created.As<OrderDto>().ExecutionId.Should().Be(order.ExecutionId);

        (await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery"))["status"]!.ToString().Should().Be(ExecutionStatus.Running);
        (await shop.OrderAsync(order)).Status.Should().Be(OrderStatus.Delivering);

        (await shop.GetAsync($"/delivery/delivered/{customer.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal([.. ToDelivering, "Delivered?", "Update Order Delivered", "Delivered"]);
        var history = await shop.Client.HistoryAsync(order.ExecutionId);
        ((string)history[^1]["type"]!).Should().Be("ExecutionSucceeded");
        history.Where(e => (string)e["state"]! == "Wait For Delivery" && (string)e["type"]! == "TaskSucceeded")
            .Select(e => (string)e["details"]!["output"]!["outcome"]!).Should().Equal("DELIVERED");

        var estimate = await shop.Client.GetOkAsync<DeliveryEstimate>($"/delivery/estimate/{Uri.EscapeDataString(Buckingham)}");
        var record = await shop.OrderAsync(order);
        record.Status.Should().Be(OrderStatus.Delivered);
        record.Mode.Should().Be(OrderMode.Orchestrated);
        record.ItemId.Should().Be(item.ItemId);
        record.ItemPrice.Should().Be(399.99m);
        record.DeliveryPrice.Should().Be(estimate.Price);
        record.Total.Should().Be(399.99m + estimate.Price);
        record.DeliveryAddress.Should().Be(Buckingham);
        record.ExecutionId.Should().Be(order.ExecutionId);

        var payment = await shop.PaymentAsync(record.PaymentId);
        payment.Status.Should().Be(PaymentStatus.Paid);
        payment.Amount.Should().Be(record.Total);
        (await shop.DeliveryAsync(order)).Status.Should().Be(DeliveryStatus.Delivered);
        await ShouldHaveStock(shop, item.ItemId, available: 9, reserved: 0, sold: 1);
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_the_delivery_is_canceled_Then_item_returned_payment_canceled_and_DELIVERY_CANCELED()
    {
        using var shop = new OrchestratedOrderDriver();
        var (customer, item) = await shop.GivenAsync(AnItem.Stocked(5));
        var order = await shop.PlaceAsync(customer, item);
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");
        await ShouldHaveStock(shop, item.ItemId, available: 4, reserved: 0, sold: 1);

        (await shop.GetAsync($"/delivery/cancel/{customer.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal([.. ToDelivering, "Delivered?", .. CanceledTail]);
        var record = await shop.OrderAsync(order);
        record.Status.Should().Be(OrderStatus.DeliveryCanceled);
        (await shop.PaymentAsync(record.PaymentId)).Status.Should().Be(PaymentStatus.Canceled);
        (await shop.DeliveryAsync(order)).Status.Should().Be(DeliveryStatus.Canceled);
        await ShouldHaveStock(shop, item.ItemId, available: 5, reserved: 0, sold: 0);
    }

    [Theory]
    [InlineData("Delivered", "Update Order Delivered", "DELIVERED")]
    [InlineData("DeliveryCanceled", "Update Order Canceled", "DELIVERY_CANCELED")]
    public async Task Given_an_order_in_delivery_When_Logistics_puts_its_outcome_event_Then_the_workflow_completes_the_order(
        string detailType, string updateState, string orderStatus)
    {
        using var shop = new OrchestratedOrderDriver();
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        // PutEvents' own field names (PascalCase), Detail as a JSON string.
        var detail = $$"""{"customerId":"{{order.CustomerId}}","orderId":"{{order.OrderId}}"}""";
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
        (await shop.OrderAsync(order)).Status.Should().Be(orderStatus);
    }

    [Fact]
    public async Task Given_an_order_in_delivery_When_no_outcome_comes_within_the_delivery_timeout_Then_the_shop_cancels_the_delivery()
    {
        using var shop = new OrchestratedOrderDriver();
        var (customer, item) = await shop.GivenAsync(AnItem.Stocked(10));
        var order = await shop.PlaceAsync(customer, item);
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");

        await shop.AdvanceAsync(TimeSpan.FromSeconds(OrderWorkflow.DefaultDeliveryTimeoutSeconds - 1));
        ((string?)(await shop.Client.DescribeAsync(order.ExecutionId))["currentState"]).Should().Be("Wait For Delivery");
        await shop.AdvanceAsync(TimeSpan.FromSeconds(2));
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Succeeded);
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal([.. ToDelivering, "Cancel Delivery", .. CanceledTail]);
        (await shop.Client.HistoryTypesAsync(order.ExecutionId)).Should().Contain("TaskTimedOut");
        var record = await shop.OrderAsync(order);
        record.Status.Should().Be(OrderStatus.DeliveryCanceled);
        (await shop.PaymentAsync(record.PaymentId)).Status.Should().Be(PaymentStatus.Canceled);
        (await shop.DeliveryAsync(order)).Status.Should().Be(DeliveryStatus.Canceled);
        await ShouldHaveStock(shop, item.ItemId, available: 10, reserved: 0, sold: 0);

        var late = await shop.GetAsync($"/delivery/delivered/{customer.CustomerId}/{order.OrderId}");
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
        (await shop.OrderAsync(order)).Status.Should().Be(OrderStatus.Delivered);
    }

    [Fact]
    public async Task Given_a_delivered_order_When_its_events_are_handled_Then_only_the_handlers_with_something_to_do_leave_a_handled_mark()
    {
        using var shop = new OrchestratedOrderDriver();
        var (customer, item) = await shop.GivenAsync();
        var order = await shop.PlaceAsync(customer, item);
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");
        (await shop.GetAsync($"/delivery/delivered/{customer.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        ((string)(await shop.WaitForEndAsync(order.ExecutionId))["status"]!).Should().Be(ExecutionStatus.Succeeded);
        await Eventually.IdleAsync(shop.App.Services);

        await using var scope = shop.App.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ShopConnection>();
        long Count(string sql)
        {
            using var command = connection.Command(sql);
            return (long)command.ExecuteScalar()!;
        }
        Count("SELECT COUNT(*) FROM evt_events WHERE DispatchedAt IS NULL").Should().Be(0);
        Count("SELECT COUNT(*) FROM evt_events WHERE Source = 'aws.states'").Should().BeGreaterThan(0, "the execution's end is an event");
        Count("SELECT COUNT(*) FROM evt_handled WHERE Handler = 'ChildExecutionEnded'").Should().Be(0,
            "no .sync task started this execution, so its end is looked at and nothing is written");
        Count("SELECT COUNT(*) FROM evt_handled WHERE Handler = 'Orders.CompleteOrchestratedOrder'").Should().Be(1,
            "the delivery's outcome completed the order; the order starting to wait found its delivery under way and wrote nothing");
    }
}
