using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Payments.Contracts;

namespace Shop.Modules.Payments.Data;

internal sealed class Payment
{
    public required string PaymentId { get; set; }

    public required string PaymentMethod { get; set; }

    public decimal Amount { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public PaymentDto ToDto() => new(PaymentId, PaymentMethod, Amount, Status, CreatedAt, UpdatedAt);
}

internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__pay_migrations";

    public DbSet<Payment> Payments => Set<Payment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Payment>(e =>
        {
            e.ToTable("pay_payments");
            e.HasKey(x => x.PaymentId);
            e.Property(x => x.PaymentId).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(20);
            e.HasIndex(x => x.CreatedAt);
        });
}

internal sealed class PaymentsDesignTimeFactory : IDesignTimeDbContextFactory<PaymentsDbContext>
{
    public PaymentsDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<PaymentsDbContext>(PaymentsDbContext.MigrationsHistoryTable, o => new PaymentsDbContext(o));
}
