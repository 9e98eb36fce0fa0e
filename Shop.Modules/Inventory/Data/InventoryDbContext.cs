using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Inventory.Data;

internal sealed class Item
{
    public required string ItemId { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public decimal Price { get; set; }

    public int Available { get; set; }

    public int Reserved { get; set; }

    public int Sold { get; set; }

    public ItemDto ToDto() => new(ItemId, Name, Description, Price, Available, Reserved, Sold);
}

internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__inv_migrations";

    public DbSet<Item> Items => Set<Item>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Item>(e =>
        {
            e.ToTable("inv_items", t =>
            {
                // The last line of defence of Invariant 4: no count can go negative whatever the code does.
                t.HasCheckConstraint("ck_inv_items_available", "Available >= 0");
                t.HasCheckConstraint("ck_inv_items_reserved", "Reserved >= 0");
                t.HasCheckConstraint("ck_inv_items_sold", "Sold >= 0");
            });
            e.HasKey(x => x.ItemId);
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(1000);
        });
}

internal sealed class InventoryDesignTimeFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<InventoryDbContext>(InventoryDbContext.MigrationsHistoryTable, o => new InventoryDbContext(o));
}
