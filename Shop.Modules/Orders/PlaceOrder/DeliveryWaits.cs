using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.PlaceOrder;

/// <summary>The orchestrated orders waiting for their delivery, one per order, with the execution that waits.</summary>
internal sealed class DeliveryWaits(OrdersDbContext db, UnitOfWork unitOfWork, TimeProvider clock)
{
    public Task OpenAsync(string customerId, string orderId, string executionId, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            var wait = await db.DeliveryWaits.FirstOrDefaultAsync(w => w.CustomerId == customerId && w.OrderId == orderId, ct);
            if (wait is null)
            {
                wait = new DeliveryWait { CustomerId = customerId, OrderId = orderId, ExecutionId = executionId };
                db.DeliveryWaits.Add(wait);
            }
            // A redriven execution waits again.
            wait.ExecutionId = executionId;
            wait.OpenedAt = clock.GetUtcNow();
            wait.ClosedAt = null;
            wait.Outcome = null;
            await db.SaveChangesAsync(ct);
        }, cancellationToken);

    public Task<DeliveryWait?> FindOpenAsync(string customerId, string orderId, CancellationToken cancellationToken) =>
        db.DeliveryWaits.FirstOrDefaultAsync(w => w.CustomerId == customerId && w.OrderId == orderId && w.ClosedAt == null, cancellationToken);

    /// <summary>True when this call closed it (it was open).</summary>
    public Task<bool> CloseAsync(string customerId, string orderId, string outcome, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            var now = clock.GetUtcNow();
            return await db.DeliveryWaits
                .Where(w => w.CustomerId == customerId && w.OrderId == orderId && w.ClosedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.ClosedAt, (DateTimeOffset?)now).SetProperty(w => w.Outcome, outcome), ct) == 1;
        }, cancellationToken);
}
