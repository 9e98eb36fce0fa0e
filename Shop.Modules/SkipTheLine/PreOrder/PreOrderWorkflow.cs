using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Modules.SkipTheLine.PreOrder;

/// <summary>
/// The seed 004 state machine: write the order; only if that succeeded, generate and store the invoice;
/// then publish the notification. Input: <c>{orderId, accountId, vendorId, items}</c>.
/// </summary>
internal static class PreOrderWorkflow
{
    public const string Name = "SkipTheLine.PreOrder";
    public const string WriteOrderState = "Write Order";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(Name)
        .Comment("Skip the Line: write the order (one active per account and vendor), then the invoice, then notify.")
        .Task(WriteOrderState, WriteOrderAsync, t => t.ResultPath("$.order").Next("Generate Invoice"))
        .Task("Generate Invoice", GenerateInvoiceAsync, t => t
            .ResultPath("$.invoice")
            .Retry(["IOException", "UnauthorizedAccessException"], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2.0)
            .Next("Send Notification"))
        .Task("Send Notification", NotifyAsync, t => t.ResultPath(null).End())
        .Build();

    private static async Task<JsonNode?> WriteOrderAsync(StepContext ctx, CancellationToken ct)
    {
        var input = ctx.InputAs<PreOrderInput>();
        // A named error (OrderAlreadyActive), so the execution and the placing endpoint can tell "already active" from a crash.
        return WorkflowJson.From(await ctx.SendAsync(new WritePreOrder(input.OrderId, input.AccountId, input.VendorId, input.Items, ctx.ExecutionId), ct));
    }

    private static async Task<JsonNode?> GenerateInvoiceAsync(StepContext ctx, CancellationToken ct)
    {
        var input = ctx.InputAs<PreOrderInput>();
        return WorkflowJson.From(await ctx.Mediator.Send(new GenerateInvoice(input.AccountId, input.VendorId, input.OrderId), ct));
    }

    private static async Task NotifyAsync(StepContext ctx, CancellationToken ct)
    {
        var input = ctx.InputAs<PreOrderInput>();
        var invoice = ctx.Input["invoice"];
        await ctx.PublishAsync(PreOrderEvents.Source, PreOrderEvents.PreOrderConfirmed, new JsonObject
        {
            ["orderId"] = input.OrderId,
            ["accountId"] = input.AccountId,
            ["vendorId"] = input.VendorId,
            ["invoiceId"] = invoice?["invoiceId"]?.DeepClone(),
            ["total"] = invoice?["total"]?.DeepClone(),
            ["message"] = $"Your order {input.OrderId} with {input.VendorId} is confirmed; pick it up on your way past.",
        }, ct);
    }
}

internal sealed record PreOrderInput(string OrderId, string AccountId, string VendorId, IReadOnlyList<PreOrderItem> Items);
