using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Data;

/// <summary>One drink = one coffee order, written by the barista workflow's steps.</summary>
internal sealed class Drink
{
    public required string OrderId { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    public required string Status { get; set; }

    /// <summary>
    /// Only while waiting: the SHA-256 (hex) of the task token, never the token itself, so an operator can match a
    /// token to its drink. The board answers the engine by <see cref="ExecutionId"/>.
    /// </summary>
    public string? TaskToken { get; set; }

    public string? BaristaId { get; set; }

    /// <summary>Why the drink was not made (store closed, no capacity, the timeout's error).</summary>
    public string? Reason { get; set; }

    public string? ExecutionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? WaitingSince { get; set; }

    public DateTimeOffset? LastHeartbeatAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// JSON array of the order's earlier attempts (<see cref="DrinkAttempt"/>), oldest first: the seed runs its second
    /// test with the first one's order id, so one order id can be processed again once its earlier execution ended.
    /// </summary>
    public string? EarlierAttempts { get; set; }

    public IReadOnlyList<DrinkAttempt> ReadEarlierAttempts() =>
        EarlierAttempts is null ? [] : System.Text.Json.JsonSerializer.Deserialize<DrinkAttempt[]>(EarlierAttempts, Kernel.Events.EventEnvelope.Json)!;

    /// <summary>1 for the first processing of the order, 2 for the next, ...</summary>
    public int Attempt => ReadEarlierAttempts().Count + 1;

    public DrinkDto ToDto()
    {
        var earlier = ReadEarlierAttempts();
        return new(OrderId, UserId, Name, Status, BaristaId, Reason, ExecutionId, CreatedAt, WaitingSince, LastHeartbeatAt, FinishedAt,
            earlier.Count + 1, earlier);
    }

    /// <summary>This attempt as a line of the order's history.</summary>
    public DrinkAttempt ToAttempt() => new(Attempt, ExecutionId, UserId, Name, Status, BaristaId, Reason, CreatedAt, FinishedAt);
}

/// <summary>The store's run-time settings (the seed's sw-config-table); null columns fall back to appsettings.</summary>
internal sealed class StoreSettings
{
    public const int TheRow = 1;

    public int Id { get; set; } = TheRow;

    public bool? StoreOpen { get; set; }

    public int? BaristaCapacity { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class CoffeeDbContext(DbContextOptions<CoffeeDbContext> options, ShopConnection connection)
    : ModuleDbContext(options, connection)
{
    public const string MigrationsHistoryTable = "__coffee_migrations";

    public DbSet<Drink> Drinks => Set<Drink>();

    public DbSet<StoreSettings> Store => Set<StoreSettings>();

    public async Task<Drink> FindDrinkAsync(string orderId, CancellationToken cancellationToken) =>
        await Drinks.FirstOrDefaultAsync(d => d.OrderId == orderId, cancellationToken)
        ?? throw new NotFoundException("Drink", orderId) { ErrorCode = CoffeeErrors.DrinkNotFound };

    /// <summary>The drink, when it waits for a barista (complete and heartbeat answer its wait); 409 otherwise.</summary>
    public async Task<Drink> FindWaitingDrinkAsync(string orderId, CancellationToken cancellationToken)
    {
        var drink = await FindDrinkAsync(orderId, cancellationToken);
        if (drink.Status != DrinkStatus.Waiting || drink.ExecutionId is null)
            throw new ConflictException("Drink not waiting", $"Drink '{orderId}' is {drink.Status}; only a waiting drink can be completed or kept alive.")
            {
                ErrorCode = CoffeeErrors.DrinkNotWaiting,
            };
        return drink;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Drink>(e =>
        {
            e.ToTable("coffee_drinks");
            e.HasKey(x => x.OrderId);
            e.Property(x => x.OrderId).HasMaxLength(100);
            e.Property(x => x.UserId).HasMaxLength(100);
            e.Property(x => x.Name).HasColumnName("Drink").HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.TaskToken).HasMaxLength(1024);
            e.Property(x => x.BaristaId).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.ExecutionId).HasMaxLength(100);
            e.Ignore(x => x.Attempt);
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => x.FinishedAt);
        });
        modelBuilder.Entity<StoreSettings>(e =>
        {
            e.ToTable("coffee_store");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
    }
}

internal sealed class CoffeeDesignTimeFactory : IDesignTimeDbContextFactory<CoffeeDbContext>
{
    public CoffeeDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<CoffeeDbContext>(CoffeeDbContext.MigrationsHistoryTable, (o, c) => new CoffeeDbContext(o, c));
}
