namespace Shop.Modules.Payments.Contracts;

/// <summary>
/// Detail-types the payments module publishes in the event-driven order, source <see cref="Source"/>.
/// The detail is the order object it received plus <c>payment</c> (a <see cref="PaymentDto"/>): the
/// payment made (PAID or FAILED), or the canceled one; Error… events add <c>error</c>.
/// </summary>
public static class PaymentEvents
{
    public const string Source = "Payment";

    public const string PaymentMade = nameof(PaymentMade);
    /// <summary>The seed never emits it (a bug); the shop does, whenever a payment is declined.</summary>
    public const string PaymentFailed = nameof(PaymentFailed);
    public const string ErrorPaymentMade = nameof(ErrorPaymentMade);
    public const string PaymentCanceled = nameof(PaymentCanceled);
    public const string ErrorPaymentCanceled = nameof(ErrorPaymentCanceled);
}
