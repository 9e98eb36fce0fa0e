using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Tables.Data;

/// <summary>A table: its name and key schema (hash key, optional range key; types S, N or B).</summary>
internal sealed class TableRow
{
    public required string Name { get; set; }

    public required string HashName { get; set; }

    public required string HashType { get; set; }

    public string? RangeName { get; set; }

    public string? RangeType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One item: its key as canonical text (numbers normalised, binary as base64; Range is "" without a range key)
/// and the whole item as DynamoDB attribute-value JSON.
/// </summary>
internal sealed class ItemRow
{
    public required string TableName { get; set; }

    public required string Hash { get; set; }

    public required string Range { get; set; }

    public required string Item { get; set; }
}

internal sealed class TablesDbContext(DbContextOptions<TablesDbContext> options, ShopConnection connection)
    : ModuleDbContext(options, connection)
{
    public const string MigrationsHistoryTable = "__tbl_migrations";

    /// <summary>The table the Orders module serves (customerId + orderId, as the sample's order table): always there.</summary>
    public static readonly TableRow OrdersTable = new()
    {
        Name = "orders", HashName = "customerId", HashType = "S", RangeName = "orderId", RangeType = "S",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public DbSet<TableRow> Tables => Set<TableRow>();

    public DbSet<ItemRow> Items => Set<ItemRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TableRow>(e =>
        {
            e.ToTable("tbl_tables");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.HashName).HasMaxLength(255);
            e.Property(x => x.RangeName).HasMaxLength(255);
            e.Property(x => x.HashType).HasMaxLength(1);
            e.Property(x => x.RangeType).HasMaxLength(1);
            e.HasData(OrdersTable);
        });
        modelBuilder.Entity<ItemRow>(e =>
        {
            e.ToTable("tbl_items");
            e.HasKey(x => new { x.TableName, x.Hash, x.Range });
        });
    }
}

internal sealed class TablesDesignTimeFactory : IDesignTimeDbContextFactory<TablesDbContext>
{
    public TablesDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<TablesDbContext>(TablesDbContext.MigrationsHistoryTable, (o, c) => new TablesDbContext(o, c));
}
