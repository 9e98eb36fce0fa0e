using Mediator;

namespace Shop.Modules.Orders.Contracts;

/// <summary>Order statuses of SCENARIOS §1.4, plus the two the event-driven flow needs before and instead of payment.</summary>
public static class OrderStatus
{
    /// <summary>Written by the event-driven flow when the order is created, before any module has acted.</summary>
    public const string Created = "CREATED";
    /// <summary>The item could not be reserved (the flow ends there).</summary>
    public const string ItemNotAvailable = "ITEM_NOT_AVAILABLE";
    public const string Paid = "PAID";
    public const string PaymentFailed = "PAYMENT_FAILED";
    public const string Delivering = "DELIVERING";
    public const string Delivered = "DELIVERED";
    public const string DeliveryCanceled = "DELIVERY_CANCELED";
    public const string PaymentCanceled = "PAYMENT_CANCELED";

    public static readonly IReadOnlyList<string> All =
        [Created, ItemNotAvailable, Paid, PaymentFailed, Delivering, Delivered, DeliveryCanceled, PaymentCanceled];
}

public static class OrderMode
{
    public const string Orchestrated = "orchestrated";
    public const string EventDriven = "event-driven";

    public static readonly IReadOnlyList<string> All = [Orchestrated, EventDriven];
}

/// <summary>An order, identified by <c>customerId</c> + <c>orderId</c> everywhere.</summary>
public sealed record OrderDto(
    string CustomerId,
    string OrderId,
    string ItemId,
    string Status,
    string Mode,
    decimal? ItemPrice,
    decimal? DeliveryPrice,
    decimal? Total,
    string? PaymentId,
    string? DeliveryAddress,
    string? ExecutionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The 202 answer of <c>POST /order</c> and <c>POST /order/create/{customerId}/{orderId}</c>: the orchestrated order started.</summary>
public sealed record OrderAccepted(string OrderId, string CustomerId, string ExecutionId);

/// <summary>
/// Inserts the order or overwrites every field of the existing one (its creation time stays). When
/// <paramref name="Total"/> is null and both prices are known, the total is their sum.
/// </summary>
public sealed record WriteOrder(
    string CustomerId,
    string OrderId,
    string ItemId,
    string Status,
    string Mode,
    decimal? ItemPrice = null,
    decimal? DeliveryPrice = null,
    decimal? Total = null,
    string? PaymentId = null,
    string? DeliveryAddress = null,
    string? ExecutionId = null) : IRequest<OrderDto>;

/// <summary>Sets the status of an existing order; 404 <see cref="OrderErrors.OrderNotFound"/> otherwise.</summary>
public sealed record UpdateOrderStatus(string CustomerId, string OrderId, string Status) : IRequest<OrderDto>;

public sealed record DescribeOrder(string CustomerId, string OrderId) : IRequest<OrderDto>;

public static class OrderErrors
{
    public const string OrderNotFound = "OrderNotFound";
}

/// <summary>The latest orders, newest first; <paramref name="Limit"/> is clamped to 1..500.</summary>
public sealed record ListOrders(int Limit = 100) : IRequest<IReadOnlyList<OrderDto>>;

/// <summary>How many orders each status has (statuses without orders left out).</summary>
public sealed record CountOrdersByStatus : IRequest<IReadOnlyDictionary<string, int>>;
