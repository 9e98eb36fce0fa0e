namespace Shop.Modules.Delivery.Contracts;

/// <summary>
/// Events the delivery module publishes (source <see cref="Source"/>). <see cref="DeliveryWasDelivered"/> and
/// <see cref="DeliveryWasCanceled"/>: the detail is the record in camelCase; read it back with
/// <c>envelope.Detail.Deserialize&lt;T&gt;(EventEnvelope.Json)</c>. In the event-driven order the detail
/// of <see cref="DeliveryEstimated"/> is the order object plus <c>delivery</c> (a <see cref="DeliveryEstimate"/>),
/// of <see cref="DeliveryStarted"/> the same with <c>delivery</c> replaced by the started <see cref="DeliveryDto"/>.
/// </summary>
public static class DeliveryEvents
{
    public const string Source = "Delivery";

    public const string DeliveryEstimated = nameof(DeliveryEstimated);
    public const string ErrorDeliveryEstimated = nameof(ErrorDeliveryEstimated);
    public const string DeliveryStarted = nameof(DeliveryStarted);
    public const string ErrorDeliveryStarted = nameof(ErrorDeliveryStarted);
    /// <summary>A Logistics outcome for a delivery that is unknown or already ended; detail adds <c>error</c>.</summary>
    public const string ErrorDeliveryWasDelivered = nameof(ErrorDeliveryWasDelivered);
    public const string ErrorDeliveryWasCanceled = nameof(ErrorDeliveryWasCanceled);
}

/// <summary>
/// The outside carrier reports outcomes with these events (sent like EventBridge PutEvents), detail
/// <c>{"customerId": …, "orderId": …}</c>.
/// </summary>
public static class LogisticsEvents
{
    public const string Source = "Logistics";

    public const string Delivered = nameof(Delivered);
    public const string DeliveryCanceled = nameof(DeliveryCanceled);
}

public sealed record DeliveryWasDelivered(string CustomerId, string OrderId, string Address, string Status, decimal Price)
{
    public const string DetailType = nameof(DeliveryWasDelivered);
}

public sealed record DeliveryWasCanceled(string CustomerId, string OrderId, string Address, string Status, decimal Price)
{
    public const string DetailType = nameof(DeliveryWasCanceled);
}
