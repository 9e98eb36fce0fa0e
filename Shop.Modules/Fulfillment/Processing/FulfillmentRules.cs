using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Fulfillment.Processing;

/// <summary>
/// The business rules that answer the seed's questions, stated once:
/// <list type="bullet">
/// <item>The receivable is secured when the payment was authorized on a credit card.</item>
/// <item>Seller: <c>sellerType</c> "3P" is a third-party seller (<c>sellerId</c>); anything else is the shop (1P).</item>
/// <item>1P ships from the warehouse of the shipping region: north → WH-HAMBURG, south → WH-MUNICH, east → WH-BERLIN,
/// west → WH-COLOGNE; any other or no region → WH-KASSEL (central).</item>
/// <item>3P is fulfilled by the seller unless <c>fulfilledBy</c> is "shop". The seller is charged a referral fee of
/// 10 % of the order value (at least 1.00) plus, when the shop fulfils, 2.50 per unit shipped.</item>
/// <item>Invoices: 1P → the customer invoice; 3P → the customer invoice (issued on the seller's behalf) and the seller fee invoice.</item>
/// </list>
/// </summary>
internal static class FulfillmentRules
{
    public const string FirstParty = "1P";
    public const string ThirdParty = "3P";
    public const string BySeller = "seller";
    public const string ByShop = "shop";
    public const string CentralWarehouse = "WH-KASSEL";
    public const decimal ReferralRate = 0.10m;
    public const decimal MinimumReferralFee = 1.00m;
    public const decimal FulfillmentFeePerUnit = 2.50m;
    public const string FeeRule = "10% of the order value (at least 1.00), plus 2.50 per unit when the shop fulfils";

    private static readonly Dictionary<string, string> Warehouses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["north"] = "WH-HAMBURG",
        ["south"] = "WH-MUNICH",
        ["east"] = "WH-BERLIN",
        ["west"] = "WH-COLOGNE",
    };

    public static bool IsReceivableSecured(string? paymentInstrument) => paymentInstrument == "creditCard";

    public static string SellerType(JsonObject order) => order.Text("sellerType") == ThirdParty ? ThirdParty : FirstParty;

    public static string FulfilledBy(JsonObject order) =>
        SellerType(order) == FirstParty || order.Text("fulfilledBy") == ByShop ? ByShop : BySeller;

    public static (string Warehouse, string Reason) Warehouse(JsonObject order)
    {
        var region = order.Text("shippingRegion");
        return region is not null && Warehouses.TryGetValue(region, out var warehouse)
            ? (warehouse, $"ships to region '{region}'")
            : (CentralWarehouse, region is null ? "no shipping region: central warehouse" : $"region '{region}' has no warehouse: central warehouse");
    }

    public static decimal OrderValue(JsonObject order) =>
        Items(order).Sum(i => i.Quantity * i.UnitPrice);

    public static int Units(JsonObject order) => Items(order).Sum(i => i.Quantity);

    public static (decimal Referral, decimal Fulfillment, decimal Total) SellerFee(JsonObject order)
    {
        var referral = Math.Max(MinimumReferralFee, decimal.Round(OrderValue(order) * ReferralRate, 2, MidpointRounding.AwayFromZero));
        var fulfillment = FulfilledBy(order) == ByShop ? Units(order) * FulfillmentFeePerUnit : 0m;
        return (referral, fulfillment, referral + fulfillment);
    }

    private static IEnumerable<(int Quantity, decimal UnitPrice)> Items(JsonObject order) =>
        (order["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => (
            i["quantity"] is JsonValue q && q.TryGetValue<int>(out var quantity) ? quantity : 0,
            i["unitPrice"] is JsonValue p && p.TryGetValue<decimal>(out var price) ? price : 0m));
}
