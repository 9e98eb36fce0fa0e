using Microsoft.EntityFrameworkCore;

namespace Shop.Modules.Orders.Data;

/// <summary>
/// An orchestrated order waiting for its delivery outcome. No task token is kept: the shop answers its own
/// callback by the execution id (the engine keeps only the token's SHA-256).
/// </summary>
internal sealed class DeliveryWait
{
    public required string CustomerId { get; set; }

    public required string OrderId { get; set; }

    public required string ExecutionId { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Null while the order waits; set once the outcome was sent (or the wait timed out).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>DELIVERED, CANCELED or TIMED_OUT.</summary>
    public string? Outcome { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DeliveryWait>(e =>
        {
            e.ToTable("ord_delivery_waits");
            e.HasKey(x => new { x.CustomerId, x.OrderId });
            e.Property(x => x.CustomerId).HasMaxLength(100);
            e.Property(x => x.OrderId).HasMaxLength(100);
            e.Property(x => x.ExecutionId).HasMaxLength(200);
            e.Property(x => x.Outcome).HasMaxLength(20);
        });
}
