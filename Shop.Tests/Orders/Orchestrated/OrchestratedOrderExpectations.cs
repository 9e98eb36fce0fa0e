using Shop.Modules.Orders.PlaceOrder;
using Shop.Tests.Workflows;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>What the orchestrated order tests expect in common: the states up to delivery, the canceled tail, stock and no executions.</summary>
internal static class OrchestratedOrderExpectations
{
    internal static readonly string[] ToDelivering =
    [
        "Reserve Item", "Get Price", "Get Customer Address", "Estimate Delivery", "Add item price and delivery price",
        "Make Payment", "Payment Successful?", "Remove Item", "Start Delivery", "Write Order", "Wait For Delivery",
    ];

    internal static readonly string[] CanceledTail = ["Return Item", "Cancel Payment", "Update Order Canceled", "Delivery Canceled"];

    internal static async Task ShouldHaveNoExecutions(OrchestratedOrderDriver shop)
    {
        var page = await shop.GetAsync($"/workflows/executions?workflow={OrderWorkflow.Name}");
        page.Body.GetProperty("executions").GetArrayLength().Should().Be(0);
    }

    internal static async Task ShouldHaveStock(OrchestratedOrderDriver shop, string itemId, int available, int reserved, int sold)
    {
        var item = await shop.ItemAsync(itemId);
        (item.Available, item.Reserved, item.Sold).Should().Be((available, reserved, sold));
    }
}
