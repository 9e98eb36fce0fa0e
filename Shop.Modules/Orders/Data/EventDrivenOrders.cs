using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.Data;

/// <summary>
/// The order an event of the choreography is about. Only event-driven orders: an orchestrated order hears
/// the same delivery outcomes, but its workflow completes it. Each change is one statement (<see cref="OrdersSql"/>).
/// </summary>
internal sealed class EventDrivenOrders(OrdersSql sql, TimeProvider clock)
{
    /// <summary>
    /// Sets the order's status and the facts <paramref name="facts"/> reads from the event (a fact the event lacks keeps
    /// the stored value); false when the detail names no event-driven order.
    /// </summary>
    public bool Record(JsonObject detail, string status, Func<OrderFacts>? facts = null)
    {
        if (Key(detail) is not ({ } customerId, { } orderId)) return false;
        OrderFacts read;
        try
        {
            read = facts?.Invoke() ?? OrderFacts.None;
        }
        catch (InvalidInputException)
        {
            // A number out of range fails only an event about an event-driven order; any other event changes nothing, as before.
            if (sql.EventDrivenStatus(customerId, orderId) is null) return false;
            throw;
        }
        return sql.RecordEventDriven(customerId, orderId, status, clock.GetUtcNow(), read);
    }

    /// <summary>
    /// DELIVERING → <paramref name="status"/>: the order as now stored (<c>Ended</c>), or else the status it has
    /// (<c>Instead</c>); both null when the detail names no event-driven order.
    /// </summary>
    public (OrderDto? Ended, string? Instead) EndDelivering(JsonObject detail, string status)
    {
        if (Key(detail) is not ({ } customerId, { } orderId)) return (null, null);
        return sql.EndDelivering(customerId, orderId, status, clock.GetUtcNow()) is { } ended
            ? (ended, null)
            : (null, sql.EventDrivenStatus(customerId, orderId));
    }

    private static (string? CustomerId, string? OrderId) Key(JsonObject detail) => (detail.Text("customerId"), detail.Text("orderId"));
}
