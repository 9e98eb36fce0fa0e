using Shop.Modules.Kernel.Database;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.PlaceOrder;

/// <summary>The orchestrated orders waiting for their delivery, one per order, with the execution that waits.</summary>
internal sealed class DeliveryWaits(OrdersSql sql, UnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>Opens the order's wait (a redriven execution waits again: the old wait reopens for it).</summary>
    public Task OpenAsync(string customerId, string orderId, string executionId, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(_ =>
        {
            sql.OpenWait(customerId, orderId, executionId, clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The execution that waits for the order's delivery; null when no wait is open.</summary>
    public string? FindOpen(string customerId, string orderId) => sql.OpenWait(customerId, orderId);

    /// <summary>Closes the open wait; the execution that waited, or null when none was open (another call closed it).</summary>
    public Task<string?> CloseAsync(string customerId, string orderId, string outcome, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(_ => Task.FromResult(sql.CloseWait(customerId, orderId, outcome, clock.GetUtcNow())), cancellationToken);
}
