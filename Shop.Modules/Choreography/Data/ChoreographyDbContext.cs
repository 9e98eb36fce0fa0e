using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Choreography.Data;

/// <summary>A monitored run: the definition's position for one entity (the engine execution mirrors it).</summary>
internal sealed class RunRow
{
    public required string Choreography { get; set; }

    public required string EntityId { get; set; }

    public required string ExecutionId { get; set; }

    public required string State { get; set; }

    /// <summary>JSON array: what an all-of state still waits for.</summary>
    public string Remaining { get; set; } = "[]";

    /// <summary>RUNNING, SUCCEEDED, FAILED (unexpected transition) or STOPPED (its execution ended otherwise).</summary>
    public required string Status { get; set; }

    public int Events { get; set; }

    public string? DivergedState { get; set; }

    public string? DivergedEventId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A waiting state, keyed by (entity id, expected event name or "Default"). No task token is kept at rest: the
/// shop answers its own callback by <see cref="ExecutionId"/>; <see cref="Token"/> only groups the rows of one
/// state entry (<see cref="KeyOf"/>).
/// </summary>
internal sealed class TokenRow
{
    public static string KeyOf(string executionId, string state) => $"{executionId}#{state}";

    public long Id { get; set; }

    public required string Choreography { get; set; }

    public required string EntityId { get; set; }

    public required string EventName { get; set; }

    public required string State { get; set; }

    public required string Token { get; set; }

    public required string ExecutionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A correlated event not yet applied to its run (applied in arrival order once its state is waiting).</summary>
internal sealed class InboxRow
{
    public long Id { get; set; }

    public required string Choreography { get; set; }

    public required string EntityId { get; set; }

    public required string EventId { get; set; }

    public required string Event { get; set; }
}

internal sealed class ChoreographyDbContext(DbContextOptions<ChoreographyDbContext> options, ShopConnection connection)
    : ModuleDbContext(options, connection)
{
    public const string MigrationsHistoryTable = "__chor_migrations";

    public DbSet<RunRow> Runs => Set<RunRow>();

    public DbSet<TokenRow> Tokens => Set<TokenRow>();

    public DbSet<InboxRow> Inbox => Set<InboxRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseShopConventions();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunRow>(e =>
        {
            e.ToTable("chor_runs");
            e.HasKey(x => new { x.Choreography, x.EntityId });
            e.HasIndex(x => x.ExecutionId);
        });
        modelBuilder.Entity<TokenRow>(e =>
        {
            e.ToTable("chor_tokens");
            e.HasIndex(x => new { x.Choreography, x.EntityId, x.EventName });
        });
        modelBuilder.Entity<InboxRow>(e =>
        {
            e.ToTable("chor_inbox");
            e.HasIndex(x => new { x.Choreography, x.EntityId, x.Id });
        });
    }
}

internal sealed class ChoreographyDesignTimeFactory : IDesignTimeDbContextFactory<ChoreographyDbContext>
{
    public ChoreographyDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<ChoreographyDbContext>(ChoreographyDbContext.MigrationsHistoryTable, (o, c) => new ChoreographyDbContext(o, c));
}
