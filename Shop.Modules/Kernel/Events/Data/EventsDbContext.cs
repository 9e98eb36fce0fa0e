using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Rules.Data;

namespace Shop.Modules.Kernel.Events.Data;

internal sealed class EventsDbContext(DbContextOptions<EventsDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__evt_migrations";

    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<HandledEvent> Handled => Set<HandledEvent>();

    public DbSet<EventBusRow> Buses => Set<EventBusRow>();

    public DbSet<RuleRow> Rules => Set<RuleRow>();

    public DbSet<RuleTargetRow> Targets => Set<RuleTargetRow>();

    public DbSet<PendingDelivery> Deliveries => Set<PendingDelivery>();

    public DbSet<ArchiveRow> Archives => Set<ArchiveRow>();

    public DbSet<ReplayRow> Replays => Set<ReplayRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredEvent>(e =>
        {
            e.ToTable("evt_events");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasIndex(x => new { x.Who, x.TimeWhat });
            e.HasIndex(x => x.Time);
            e.HasIndex(x => x.OrderId);
            e.HasIndex(x => x.DetailType);
            e.Property(x => x.Bus).HasDefaultValue(Kernel.Rules.EventBuses.Default);
            e.HasIndex(x => new { x.Bus, x.Sequence });
            // Partial index: finding undispatched events stays cheap however many are stored.
            e.HasIndex(x => x.DispatchedAt).HasFilter("DispatchedAt IS NULL");
        });
        modelBuilder.Entity<HandledEvent>(e =>
        {
            e.ToTable("evt_handled");
            e.HasKey(x => new { x.EventId, x.Handler });
        });
        modelBuilder.Entity<PendingDelivery>(e =>
        {
            e.ToTable("evt_deliveries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.EventId, x.Subscriber }).IsUnique();
            e.HasIndex(x => new { x.Dead, x.Sequence });
        });
        RuleRows.Configure(modelBuilder);
    }
}

internal sealed class EventsDesignTimeFactory : IDesignTimeDbContextFactory<EventsDbContext>
{
    public EventsDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<EventsDbContext>(EventsDbContext.MigrationsHistoryTable, o => new EventsDbContext(o));
}
