using System.Text.Json.Nodes;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Tables.Items;

/// <summary>
/// The sample's order item (customerId, orderId, orderStatus, itemId, itemPrice, deliveryPrice, totalPrice, paymentId,
/// deliveryAddress) as the Orders module's <see cref="WriteOrder"/>.
/// </summary>
internal static class OrdersTable
{
    public static WriteOrder ToWriteOrder(JsonObject item) => new(
        Text(item, "customerId", required: true)!,
        Text(item, "orderId", required: true)!,
        Text(item, "itemId", required: true)!,
        Text(item, "orderStatus", required: true)!,
        OrderMode.Orchestrated,
        Number(item, "itemPrice"),
        Number(item, "deliveryPrice"),
        Number(item, "totalPrice"),
        Text(item, "paymentId", required: false),
        Text(item, "deliveryAddress", required: false));

    private static string? Text(JsonObject item, string name, bool required)
    {
        if (item[name] is JsonObject value && AttributeValue.TypeOf(value) == "S") return AttributeValue.Inner(value)!.GetValue<string>();
        if (required || item[name] is not null)
            throw TableException.Validation($"The table 'orders' holds the shop's orders: '{name}' must be a string (S){(required ? " and is required" : "")}.");
        return null;
    }

    private static decimal? Number(JsonObject item, string name)
    {
        if (item[name] is null) return null;
        if (item[name] is JsonObject value && AttributeValue.TypeOf(value) == "N") return AttributeValue.Number(AttributeValue.Inner(value), name);
        throw TableException.Validation($"The table 'orders' holds the shop's orders: '{name}' must be a number (N).");
    }
}
