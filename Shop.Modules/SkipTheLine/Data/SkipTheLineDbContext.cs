using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using System.Text.Json;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;

namespace Shop.Modules.SkipTheLine.Data;

/// <summary>An active pre-order. The key (account, vendor) is the seed's DynamoDB key: one active order per vendor.</summary>
internal sealed class PreOrder
{
    public required string AccountId { get; set; }

    public required string VendorId { get; set; }

    public required string OrderId { get; set; }

    /// <summary>The items as JSON (they are only ever read whole).</summary>
    public required string Items { get; set; }

    public decimal Total { get; set; }

    public required string Status { get; set; }

    public string? InvoiceId { get; set; }

    public string? ExecutionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<PreOrderItem> ItemList => JsonSerializer.Deserialize<PreOrderItem[]>(Items, SkipTheLineDbContext.Json) ?? [];

    public PreOrderDto ToDto(string? status = null) =>
        new(AccountId, VendorId, OrderId, ItemList, Total, status ?? Status, InvoiceId, ExecutionId, CreatedAt, UpdatedAt);
}

/// <summary>The record of an invoice; its content is a file under the data folder (the seed's S3 object).</summary>
internal sealed class Invoice
{
    public required string InvoiceId { get; set; }

    public required string OrderId { get; set; }

    public required string AccountId { get; set; }

    public required string VendorId { get; set; }

    /// <summary>Relative to the data folder, with '/' separators.</summary>
    public required string File { get; set; }

    public decimal Total { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PickedUpAt { get; set; }
}

internal sealed class SkipTheLineDbContext(DbContextOptions<SkipTheLineDbContext> options, ShopConnection connection)
    : ModuleDbContext(options, connection)
{
    public const string MigrationsHistoryTable = "__stl_migrations";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<PreOrder> Orders => Set<PreOrder>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public async Task<PreOrder> FindOrderAsync(string accountId, string vendorId, CancellationToken cancellationToken) =>
        await Orders.FirstOrDefaultAsync(o => o.AccountId == accountId && o.VendorId == vendorId, cancellationToken)
        ?? throw new NotFoundException("Pre-order", $"{accountId}/{vendorId}") { ErrorCode = PreOrderErrors.PreOrderNotFound };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PreOrder>(e =>
        {
            e.ToTable("stl_orders");
            e.HasKey(x => new { x.AccountId, x.VendorId });
            e.Property(x => x.AccountId).HasMaxLength(100);
            e.Property(x => x.VendorId).HasMaxLength(100);
            e.Property(x => x.OrderId).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.InvoiceId).HasMaxLength(120);
            e.Property(x => x.ExecutionId).HasMaxLength(100);
            e.HasIndex(x => x.OrderId).IsUnique();
            e.Ignore(x => x.ItemList);
        });
        modelBuilder.Entity<Invoice>(e =>
        {
            e.ToTable("stl_invoices");
            e.HasKey(x => x.InvoiceId);
            e.Property(x => x.InvoiceId).HasMaxLength(120);
            e.Property(x => x.OrderId).HasMaxLength(100);
            e.Property(x => x.AccountId).HasMaxLength(100);
            e.Property(x => x.VendorId).HasMaxLength(100);
            e.Property(x => x.File).HasMaxLength(300);
            e.HasIndex(x => x.OrderId).IsUnique();
            e.HasIndex(x => new { x.AccountId, x.VendorId });
        });
    }
}

internal sealed class SkipTheLineDesignTimeFactory : IDesignTimeDbContextFactory<SkipTheLineDbContext>
{
    public SkipTheLineDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<SkipTheLineDbContext>(SkipTheLineDbContext.MigrationsHistoryTable, (o, c) => new SkipTheLineDbContext(o, c));
}
