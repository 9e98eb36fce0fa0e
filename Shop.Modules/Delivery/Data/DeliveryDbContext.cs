using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Delivery.Data;

internal sealed class DeliveryRecord
{
    public required string CustomerId { get; set; }

    public required string OrderId { get; set; }

    public required string Address { get; set; }

    public required string Status { get; set; }

    public double Distance { get; set; }

    public double DurationSeconds { get; set; }

    public decimal Price { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DeliveryDto ToDto() => new(CustomerId, OrderId, Address, Status, Distance, DurationSeconds, Price, StartedAt, UpdatedAt);
}

internal sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__dlv_migrations";

    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DeliveryRecord>(e =>
        {
            e.ToTable("dlv_deliveries");
            e.HasKey(x => new { x.CustomerId, x.OrderId });
            e.Property(x => x.CustomerId).HasMaxLength(100);
            e.Property(x => x.OrderId).HasMaxLength(100);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(20);
        });
}

internal sealed class DeliveryDesignTimeFactory : IDesignTimeDbContextFactory<DeliveryDbContext>
{
    public DeliveryDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<DeliveryDbContext>(DeliveryDbContext.MigrationsHistoryTable, o => new DeliveryDbContext(o));
}
