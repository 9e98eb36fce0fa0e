using System.Text.Json.Nodes;
using Shop.Modules.Fulfillment.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment.Authorize;

/// <summary>
/// The seed's first workflow: payment authorization succeeds only for a credit card (the seed's Lambda), and
/// then puts <c>PaymentAuthorizationIsDone</c> with the input plus <c>"paymentAuthorized": true</c> on the bus,
/// committed with the step. What happens next is up to whoever listens (the rule in FulfillmentModule).
/// </summary>
internal static class PaymentAuthorizationWorkflow
{
    public const string AuthorizationFailed = "PaymentAuthorizationFailed";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(FulfillmentEvents.FulfillmentWorkflow)
        .Comment("Seed 002: authorize the payment, then announce it with PaymentAuthorizationIsDone")
        .Task("Authorize Payment", AuthorizeAsync, t => t.End())
        .Build();

    private static async Task<JsonNode?> AuthorizeAsync(StepContext ctx, CancellationToken ct)
    {
        var detail = ctx.Input.AsObject();
        var instrument = detail.Text("paymentInstrumentType");
        if (!Processing.FulfillmentRules.IsReceivableSecured(instrument))
            throw new StepFailedException(AuthorizationFailed,
                $"Payment Authorization Failed: payment instrument '{instrument ?? "(none)"}' is not accepted; only creditCard is.");
        detail["paymentAuthorized"] = true;
        await ctx.PublishAsync(FulfillmentEvents.Source, FulfillmentEvents.PaymentAuthorizationIsDone, detail.DeepClone().AsObject(), ct);
        return detail;
    }
}
