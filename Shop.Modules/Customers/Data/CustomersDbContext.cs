using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Customers.Data;

internal sealed class Customer
{
    public required string CustomerId { get; set; }

    public required string Description { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public required string Address { get; set; }

    public CustomerDto ToDto() => new(CustomerId, Description, Name, Email, Address);
}

internal sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__cus_migrations";

    public DbSet<Customer> Customers => Set<Customer>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("cus_customers");
            e.HasKey(x => x.CustomerId);
            e.Property(x => x.CustomerId).HasMaxLength(100);
            e.Property(x => x.Address).HasMaxLength(200);
        });
}

internal sealed class CustomersDesignTimeFactory : IDesignTimeDbContextFactory<CustomersDbContext>
{
    public CustomersDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<CustomersDbContext>(CustomersDbContext.MigrationsHistoryTable, o => new CustomersDbContext(o));
}
