namespace Shop.Modules.Fulfillment.Contracts;

/// <summary>What the fulfillment module puts on the bus and the names of its workflows (SCENARIOS §2).</summary>
public static class FulfillmentEvents
{
    public const string Source = "fulfillment";

    /// <summary>Detail: the fulfillment input plus <c>"paymentAuthorized": true</c>.</summary>
    public const string PaymentAuthorizationIsDone = nameof(PaymentAuthorizationIsDone);

    public const string FulfillmentWorkflow = "Fulfillment.Fulfillment";

    public const string ProcessingWorkflow = "Fulfillment.Processing";

    /// <summary>The rule that hands authorized payments to <see cref="ProcessingWorkflow"/>.</summary>
    public const string PaymentAuthorizedRule = "fulfillment-payment-authorized";

    public const string ProcessingTarget = "fulfillment-processing";
}
