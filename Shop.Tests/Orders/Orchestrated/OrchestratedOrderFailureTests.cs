using System.Net;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;
using Shop.Tests.Workflows;
using static Shop.Tests.Orders.Orchestrated.OrchestratedOrderExpectations;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>SCENARIOS §1.1, the paths that end early: payment failed, item not available, and stock running out under 100 concurrent orders.</summary>
public sealed class OrchestratedOrderFailureTests
{
    [Fact]
    public async Task Given_payments_that_always_fail_When_ordered_Then_item_unreserved_order_PAYMENT_FAILED_and_Payment_Failed()
    {
        using var shop = new OrchestratedOrderDriver(a => a.With("Payments:FailProbability", "1"));
        var (customer, item) = await shop.GivenAsync(AnItem.Stocked(10));
        var order = await shop.PlaceAsync(customer, item);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Failed);
        ((string)execution["error"]!).Should().Be("PaymentFailed");
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal(
            "Reserve Item", "Get Price", "Get Customer Address", "Estimate Delivery", "Add item price and delivery price",
            "Make Payment", "Payment Successful?", "Unreserve Item", "Write Order Payment Failed", "Payment Failed");
        var record = await shop.OrderAsync(order);
        record.Status.Should().Be(OrderStatus.PaymentFailed);
        (await shop.PaymentAsync(record.PaymentId)).Status.Should().Be(PaymentStatus.Failed);
        (await shop.GetAsync($"/delivery/describe/{customer.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.NotFound);
        await ShouldHaveStock(shop, item.ItemId, available: 10, reserved: 0, sold: 0);
    }

    [Fact]
    public async Task Given_no_stock_When_ordered_Then_Item_Not_Available_and_nothing_else_changes()
    {
        using var shop = new OrchestratedOrderDriver();
        var (customer, item) = await shop.GivenAsync(AnItem.Stocked(5));
        for (var i = 0; i < 5; i++) (await shop.GetAsync($"/inventory/reserve/{item.ItemId}")).Status.Should().Be(HttpStatusCode.OK);

        var order = await shop.PlaceAsync(customer, item);
        var execution = await shop.WaitForEndAsync(order.ExecutionId);

        ((string)execution["status"]!).Should().Be(ExecutionStatus.Failed);
        ((string)execution["error"]!).Should().Be("ItemNotAvailable");
        (await shop.EnteredStatesAsync(order.ExecutionId)).Should().Equal("Reserve Item", "Write Order Item Not Available", "Item Not Available");
        var record = await shop.GetAsync($"/order/describe/{customer.CustomerId}/{order.OrderId}");
        record.As<OrderDto>(HttpStatusCode.OK).Status.Should().Be(OrderStatus.ItemNotAvailable);
        // The wire shape on purpose: no payment is a JSON null, not a missing member.
        record.Body.GetProperty("paymentId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await shop.GetAsync($"/delivery/describe/{customer.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.NotFound);
        await ShouldHaveStock(shop, item.ItemId, available: 0, reserved: 5, sold: 0);
    }

    [Fact]
    public async Task Given_100_concurrent_orders_for_an_item_with_10_in_stock_Then_exactly_10_get_past_reservation_and_stock_is_conserved()
    {
        using var shop = new OrchestratedOrderDriver();
        var item = await AnItem.Stocked(10).CreateAsync(shop.App);
        var customers = new[] { await ACustomer.Any.CreateAsync(shop.App), await ACustomer.Any.CreateAsync(shop.App), await ACustomer.Any.CreateAsync(shop.App) };

        var orders = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => shop.PlaceAsync(customers[i % 3], item)));
        orders.Select(o => o.OrderId).Should().OnlyHaveUniqueItems();
        foreach (var order in orders) await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery", seconds: 120);

        var states = new List<string>();
        foreach (var order in orders) states.Add((await shop.OrderAsync(order)).Status);
        states.Count(s => s == OrderStatus.Delivering).Should().Be(10);
        states.Count(s => s == OrderStatus.ItemNotAvailable).Should().Be(90);
        await ShouldHaveStock(shop, item.ItemId, available: 0, reserved: 0, sold: 10);
    }
}
