namespace Shop.Modules.Delivery.Contracts;

/// <summary>
/// Events the delivery module publishes (source <see cref="Source"/>). The envelope's detail is the record
/// in camelCase; read it back with <c>envelope.Detail.Deserialize&lt;T&gt;(EventEnvelope.Json)</c>.
/// </summary>
public static class DeliveryEvents
{
    public const string Source = "Delivery";
}

public sealed record DeliveryWasDelivered(string CustomerId, string OrderId, string Address, string Status, decimal Price)
{
    public const string DetailType = nameof(DeliveryWasDelivered);
}

public sealed record DeliveryWasCanceled(string CustomerId, string OrderId, string Address, string Status, decimal Price)
{
    public const string DetailType = nameof(DeliveryWasCanceled);
}
