using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.Data;

internal sealed class Order
{
    public required string CustomerId { get; set; }

    public required string OrderId { get; set; }

    public required string ItemId { get; set; }

    public required string Status { get; set; }

    public required string Mode { get; set; }

    public decimal? ItemPrice { get; set; }

    public decimal? DeliveryPrice { get; set; }

    public decimal? Total { get; set; }

    public string? PaymentId { get; set; }

    public string? DeliveryAddress { get; set; }

    public string? ExecutionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public OrderDto ToDto() => new(CustomerId, OrderId, ItemId, Status, Mode, ItemPrice, DeliveryPrice, Total, PaymentId,
        DeliveryAddress, ExecutionId, CreatedAt, UpdatedAt);
}

internal sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__ord_migrations";

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<DeliveryWait> DeliveryWaits => Set<DeliveryWait>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        DeliveryWait.Configure(modelBuilder);
        modelBuilder.Entity<Order>(e =>
        {
            e.ToTable("ord_orders");
            e.HasKey(x => new { x.CustomerId, x.OrderId });
            e.Property(x => x.CustomerId).HasMaxLength(100);
            e.Property(x => x.OrderId).HasMaxLength(100);
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.Mode).HasMaxLength(20);
            e.HasIndex(x => x.CreatedAt);
            e.HasIndex(x => x.Status);
        });
    }
}

internal sealed class OrdersDesignTimeFactory : IDesignTimeDbContextFactory<OrdersDbContext>
{
    public OrdersDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<OrdersDbContext>(OrdersDbContext.MigrationsHistoryTable, o => new OrdersDbContext(o));
}
