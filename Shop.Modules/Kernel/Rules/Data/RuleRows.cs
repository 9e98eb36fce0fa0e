using Microsoft.EntityFrameworkCore;

namespace Shop.Modules.Kernel.Rules.Data;

/// <summary>An event bus made at run time (CreateEventBus); <c>default</c> and the buses of the settings are not stored.</summary>
internal sealed class EventBusRow
{
    public required string Name { get; set; }

    public required string CreatedAt { get; set; }
}

/// <summary>A rule made at run time (PutRule): one bus, one name.</summary>
internal sealed class RuleRow
{
    public required string Bus { get; set; }

    public required string Name { get; set; }

    /// <summary>The event pattern as given (JSON text), already checked by the shop's matcher.</summary>
    public required string Pattern { get; set; }

    public bool Enabled { get; set; } = true;

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public required string CreatedAt { get; set; }
}

/// <summary>A target of a run-time rule (PutTargets): a state machine, an event bus, or a target the shop registers by name.</summary>
internal sealed class RuleTargetRow
{
    public required string Bus { get; set; }

    public required string Rule { get; set; }

    public required string Id { get; set; }

    public required string Arn { get; set; }

    public string? RoleArn { get; set; }

    /// <summary>The target's Input / InputPath / InputTransformer as EventBridge spells them (a JSON object), null for the whole event.</summary>
    public string? InputJson { get; set; }

    /// <summary>Keeps targets in the order they were first put.</summary>
    public long Position { get; set; }
}

internal static class RuleRows
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventBusRow>(e =>
        {
            e.ToTable("evt_buses");
            e.HasKey(x => x.Name);
        });
        modelBuilder.Entity<RuleRow>(e =>
        {
            e.ToTable("evt_rules");
            e.HasKey(x => new { x.Bus, x.Name });
        });
        modelBuilder.Entity<RuleTargetRow>(e =>
        {
            e.ToTable("evt_rule_targets");
            e.HasKey(x => new { x.Bus, x.Rule, x.Id });
        });
    }
}
