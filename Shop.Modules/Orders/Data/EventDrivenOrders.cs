using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.Data;

/// <summary>
/// The order an event of the choreography is about. Only event-driven orders: an orchestrated order hears
/// the same delivery outcomes, but its workflow completes it.
/// </summary>
internal sealed class EventDrivenOrders(OrdersDbContext db, TimeProvider clock)
{
    public async Task<Order?> FindAsync(JsonObject detail, CancellationToken cancellationToken)
    {
        var customerId = detail.Text("customerId");
        var orderId = detail.Text("orderId");
        if (customerId is null || orderId is null) return null;
        var order = await db.Orders.FirstOrDefaultAsync(o => o.CustomerId == customerId && o.OrderId == orderId, cancellationToken);
        return order?.Mode == OrderMode.EventDriven ? order : null;
    }

    public async Task SaveAsync(Order order, string status, CancellationToken cancellationToken)
    {
        order.Status = status;
        order.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
