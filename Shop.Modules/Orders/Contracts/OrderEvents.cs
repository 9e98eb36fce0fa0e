using Mediator;

namespace Shop.Modules.Orders.Contracts;

/// <summary>
/// Detail-types the orders module publishes in the event-driven order (SCENARIOS §1.2), source <see cref="Source"/>.
/// <see cref="OrderCreated"/>: <c>{customerId, orderId, itemId}</c>, the start of the order object the other
/// modules add to. <see cref="OrderDelivered"/> / <see cref="OrderCanceled"/>: the delivery outcome's detail
/// plus <c>order</c> (the updated <see cref="OrderDto"/>); Error… events add <c>error</c>.
/// </summary>
public static class OrderEvents
{
    public const string Source = "Order";

    public const string OrderCreated = nameof(OrderCreated);
    public const string OrderDelivered = nameof(OrderDelivered);
    public const string ErrorOrderDelivered = nameof(ErrorOrderDelivered);
    public const string OrderCanceled = nameof(OrderCanceled);
    public const string ErrorOrderCanceled = nameof(ErrorOrderCanceled);
}

/// <summary>
/// Starts an event-driven order: writes it (mode event-driven, status CREATED) and publishes
/// <see cref="OrderEvents.OrderCreated"/> in one unit of work. 400 on a malformed id, 404 on an unknown
/// customer or item.
/// </summary>
public sealed record CreateEventDrivenOrder(string CustomerId, string ItemId) : IRequest<OrderDto>;
