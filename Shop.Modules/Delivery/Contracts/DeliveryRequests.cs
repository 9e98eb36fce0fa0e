using Mediator;

namespace Shop.Modules.Delivery.Contracts;

public static class DeliveryStatus
{
    public const string Delivering = "DELIVERING";
    public const string Delivered = "DELIVERED";
    public const string Canceled = "CANCELED";
}

/// <summary>Distance from the shop's origin, travel time, and price = round(durationSeconds) / 100 (the seed's rule).</summary>
/// <param name="Method">"known-place" (coordinates in seed/places.json) or "address-hash" (the rule for unknown addresses).</param>
public sealed record DeliveryEstimate(string Address, double Distance, string DistanceUnit, double DurationSeconds, decimal Price, string Method);

/// <summary>A delivery, identified by the order it carries.</summary>
public sealed record DeliveryDto(string CustomerId, string OrderId, string Address, string Status, double Distance, double DurationSeconds,
    decimal Price, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <summary>Deterministic and offline; any address of up to 200 characters gets an estimate.</summary>
public sealed record EstimateDelivery(string Address) : IRequest<DeliveryEstimate>;

/// <summary>Starts a DELIVERING delivery; 409 <see cref="DeliveryErrors.DeliveryAlreadyStarted"/> when the order already has one.</summary>
public sealed record StartDelivery(string CustomerId, string OrderId, string Address) : IRequest<DeliveryDto>;

public sealed record DescribeDelivery(string CustomerId, string OrderId) : IRequest<DeliveryDto>;

/// <summary>DELIVERING → CANCELED, publishing <see cref="DeliveryWasCanceled"/> in the same unit of work.</summary>
public sealed record CancelDelivery(string CustomerId, string OrderId) : IRequest<DeliveryDto>;

/// <summary>DELIVERING → DELIVERED, publishing <see cref="DeliveryWasDelivered"/> in the same unit of work.</summary>
public sealed record MarkDelivered(string CustomerId, string OrderId) : IRequest<DeliveryDto>;

public static class DeliveryErrors
{
    public const string DeliveryNotFound = "DeliveryNotFound";
    public const string DeliveryAlreadyStarted = "DeliveryAlreadyStarted";
    public const string DeliveryAlreadyCanceled = "DeliveryAlreadyCanceled";
    public const string DeliveryAlreadyDelivered = "DeliveryAlreadyDelivered";
}

/// <summary>The latest deliveries, newest first; <paramref name="Limit"/> is clamped to 1..500.</summary>
public sealed record ListDeliveries(int Limit = 100) : IRequest<IReadOnlyList<DeliveryDto>>;
