using System.Text.Json.Nodes;
using Shop.Modules.Fulfillment.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment.Processing;

/// <summary>
/// The next steps after payment authorization, started by the rule with <c>{"Input": detail}</c>. Its output
/// answers the seed's six business questions (see <see cref="FulfillmentRules"/> for the rules).
/// </summary>
internal static class FulfillmentProcessingWorkflow
{
    public static WorkflowDefinition Definition { get; } = Workflow.Define(FulfillmentEvents.ProcessingWorkflow)
        .Comment("Seed 002: receivable, seller, warehouse or seller fee, invoices")
        .Task("Check Receivable", (ctx, _) =>
        {
            var order = Order(ctx);
            var instrument = order.Text("paymentInstrumentType");
            var authorized = order["paymentAuthorized"] is JsonValue v && v.TryGetValue<bool>(out var a) && a;
            if (!authorized || !FulfillmentRules.IsReceivableSecured(instrument))
                throw new StepFailedException("ReceivableNotSecured", $"The payment on '{instrument ?? "(none)"}' is not authorized: the receivable is not secured.");
            return Result(new JsonObject { ["paymentInstrument"] = instrument, ["secured"] = true });
        }, t => t.ResultPath("$.receivable").Next("Determine Seller"))
        .Task("Determine Seller", (ctx, _) =>
        {
            var order = Order(ctx);
            var type = FulfillmentRules.SellerType(order);
            return Result(new JsonObject
            {
                ["type"] = type,
                ["sellerId"] = type == FulfillmentRules.FirstParty ? "shop" : order.Text("sellerId") ?? "unknown-seller",
                ["fulfilledBy"] = FulfillmentRules.FulfilledBy(order),
            });
        }, t => t.ResultPath("$.seller").Next("First or third party?"))
        .Choice("First or third party?", c => c
            .When("1P", data => (string?)data["seller"]?["type"] == FulfillmentRules.FirstParty, "Choose Warehouse")
            .When("3P", data => (string?)data["seller"]?["type"] == FulfillmentRules.ThirdParty, "Compute Seller Fee"))
        .Task("Choose Warehouse", (ctx, _) =>
        {
            var (warehouse, reason) = FulfillmentRules.Warehouse(Order(ctx));
            return Result(new JsonObject { ["id"] = warehouse, ["reason"] = reason });
        }, t => t.ResultPath("$.warehouse").Next("Generate Invoices"))
        .Task("Compute Seller Fee", (ctx, _) =>
        {
            var order = Order(ctx);
            var (referral, fulfillment, total) = FulfillmentRules.SellerFee(order);
            return Result(new JsonObject
            {
                ["orderValue"] = FulfillmentRules.OrderValue(order),
                ["referralFee"] = referral,
                ["fulfillmentFee"] = fulfillment,
                ["total"] = total,
                ["rule"] = FulfillmentRules.FeeRule,
            });
        }, t => t.ResultPath("$.sellerFee").Next("Generate Invoices"))
        .Task("Generate Invoices", (ctx, _) =>
        {
            var order = Order(ctx);
            var orderId = order.Text("orderId") ?? ctx.ExecutionName;
            var seller = ctx.Input["seller"]!;
            var invoices = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = $"INV-{orderId}-C", ["type"] = "customer", ["issuer"] = (string?)seller["sellerId"], ["to"] = "customer",
                    ["amount"] = FulfillmentRules.OrderValue(order),
                },
            };
            if ((string?)seller["type"] == FulfillmentRules.ThirdParty)
                invoices.Add(new JsonObject
                {
                    ["id"] = $"INV-{orderId}-F", ["type"] = "seller-fee", ["issuer"] = "shop", ["to"] = (string?)seller["sellerId"],
                    ["amount"] = ctx.Input["sellerFee"]?["total"]?.DeepClone(),
                });
            return Task.FromResult<JsonNode?>(invoices);
        }, t => t.ResultPath("$.invoices").Next("Answer"))
        .Task("Answer", (ctx, _) =>
        {
            var data = ctx.Input;
            var order = Order(ctx);
            return Result(new JsonObject
            {
                ["orderId"] = order.Text("orderId"),
                ["paymentInstrument"] = data["receivable"]?["paymentInstrument"]?.DeepClone(),
                ["receivableSecured"] = data["receivable"]?["secured"]?.DeepClone(),
                ["sellerType"] = data["seller"]?["type"]?.DeepClone(),
                ["sellerId"] = data["seller"]?["sellerId"]?.DeepClone(),
                ["shipFromWarehouse"] = data["warehouse"]?["id"]?.DeepClone(),
                ["fulfilledBy"] = data["seller"]?["fulfilledBy"]?.DeepClone(),
                ["sellerFee"] = data["sellerFee"]?.DeepClone(),
                ["invoices"] = data["invoices"]?.DeepClone(),
            });
        }, t => t.End())
        .Build();

    private static JsonObject Order(StepContext ctx) =>
        ctx.Input["Input"] as JsonObject ?? throw new StepFailedException(StatesErrors.Runtime, "The input must be {\"Input\": {...order...}} (the rule's input transformer).");

    private static Task<JsonNode?> Result(JsonObject value) => Task.FromResult<JsonNode?>(value);
}
