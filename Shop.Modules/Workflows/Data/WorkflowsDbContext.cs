using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Workflows.Data;

internal sealed class WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options)
    : ModuleDbContext(options)
{
    public const string MigrationsHistoryTable = "__wf_migrations";

    public DbSet<ExecutionRow> Executions => Set<ExecutionRow>();

    public DbSet<HistoryRow> History => Set<HistoryRow>();

    public DbSet<TaskTokenRow> TaskTokens => Set<TaskTokenRow>();

    public DbSet<DeadlineRow> Deadlines => Set<DeadlineRow>();

    public DbSet<DemoEffectRow> DemoEffects => Set<DemoEffectRow>();

    public DbSet<StateMachineRow> StateMachines => Set<StateMachineRow>();

    public DbSet<ActivityRow> Activities => Set<ActivityRow>();

    public DbSet<ActivityTaskRow> ActivityTasks => Set<ActivityTaskRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ExecutionRow>(e =>
        {
            e.ToTable("wf_executions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Workflow, x.Name }).IsUnique();
            // Counting a workflow's RUNNING executions reads only this index, however many rows there are.
            e.HasIndex(x => new { x.Workflow, x.Status });
            e.HasIndex(x => new { x.Status, x.Waiting });
            // A page of a workflow's executions of one status, newest first (the console's list, the bench's poll):
            // walked in index order, not every row of that status sorted for every page (docs/performance.md).
            e.HasIndex(x => new { x.Workflow, x.Status, x.StartedAt, x.Id });
            e.HasIndex(x => x.StartedAt);
            e.HasIndex(x => new { x.Workflow, x.StartedAt });
            e.HasIndex(x => new { x.ParentId, x.ParentRound });
        });
        modelBuilder.Entity<HistoryRow>(e =>
        {
            e.ToTable("wf_history");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ExecutionId, x.Sequence }).IsUnique();
        });
        modelBuilder.Entity<TaskTokenRow>(e =>
        {
            e.ToTable("wf_task_tokens");
            e.HasKey(x => x.Hash);
            e.HasIndex(x => new { x.ExecutionId, x.Status });
        });
        modelBuilder.Entity<DeadlineRow>(e =>
        {
            e.ToTable("wf_deadlines");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DueAt);
            e.HasIndex(x => x.ExecutionId);
            // Answering a callback or a heartbeat finds and deletes its token's deadlines by hash.
            e.HasIndex(x => x.TokenHash);
        });
        modelBuilder.Entity<StateMachineRow>(e =>
        {
            e.ToTable("wf_state_machines");
            e.HasKey(x => new { x.Name, x.Revision });
        });
        modelBuilder.Entity<ActivityRow>(e =>
        {
            e.ToTable("wf_activities");
            e.HasKey(x => x.Name);
        });
        modelBuilder.Entity<ActivityTaskRow>(e =>
        {
            e.ToTable("wf_activity_tasks");
            e.HasKey(x => x.TokenHash);
            // A poll reads the oldest waiting task of one activity.
            e.HasIndex(x => new { x.Activity, x.StartedAt, x.ScheduledAt });
            e.HasIndex(x => x.ExecutionId);
        });
        modelBuilder.Entity<DemoEffectRow>(e =>
        {
            e.ToTable("wf_demo_effects");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ExecutionId, x.Step });
        });
    }

    /// <summary>Every update of an execution bumps its version; EF checks the old one in the WHERE clause.</summary>
    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<ExecutionRow>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version = (long)entry.OriginalValues[nameof(ExecutionRow.Version)]! + 1;
        }
        return base.SaveChangesAsync(cancellationToken);
    }

    public static string FormatTime(DateTimeOffset time) => ModelConventions.UtcTextConverter.Format(time);

    public static DateTimeOffset ParseTime(string text) => ModelConventions.UtcTextConverter.Parse(text);
}

internal sealed class WorkflowsDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowsDbContext>
{
    public WorkflowsDbContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create<WorkflowsDbContext>(WorkflowsDbContext.MigrationsHistoryTable, o => new WorkflowsDbContext(o));
}
