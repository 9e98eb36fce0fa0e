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

    /// <summary><c>rate(...)</c> or <c>cron(...)</c> (PutRule's ScheduleExpression); null for a rule that only matches events.</summary>
    public string? ScheduleExpression { get; set; }

    /// <summary>UTC text: when the schedule was set (a rate counts from it).</summary>
    public string? ScheduleSince { get; set; }

    /// <summary>UTC text: the last slot fired, committed with its event, so no slot fires twice.</summary>
    public string? ScheduleLastSlot { get; set; }
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

    /// <summary>RetryPolicy.MaximumRetryAttempts (0-185); null: the dispatcher's own attempts.</summary>
    public int? MaxRetryAttempts { get; set; }

    /// <summary>RetryPolicy.MaximumEventAgeInSeconds (60-86400); null: no age limit.</summary>
    public int? MaxEventAgeSeconds { get; set; }

    /// <summary>DeadLetterConfig.Arn (an SQS ARN): its queue name names the dead-letter list.</summary>
    public string? DeadLetterArn { get; set; }
}

/// <summary>An archive (CreateArchive): a filter and a retention over the event store, not a copy.</summary>
internal sealed class ArchiveRow
{
    public required string Name { get; set; }

    /// <summary>The bus whose events it keeps (its name).</summary>
    public required string Bus { get; set; }

    public string? Pattern { get; set; }

    public string? Description { get; set; }

    /// <summary>0: indefinitely.</summary>
    public int RetentionDays { get; set; }

    public required string CreatedAt { get; set; }

    /// <summary>The store's last sequence when it was made: the archive holds the events put on its bus after it, as EventBridge's.</summary>
    public long FromSequence { get; set; }
}

/// <summary>A replay (StartReplay): its window, destination and progress; the runner resumes it after a restart.</summary>
internal sealed class ReplayRow
{
    public required string Name { get; set; }

    public required string Archive { get; set; }

    public string? Description { get; set; }

    public required string EventStartTime { get; set; }

    public required string EventEndTime { get; set; }

    /// <summary>The destination bus's name.</summary>
    public required string Destination { get; set; }

    /// <summary>JSON array of rule ARNs (Destination.FilterArns); null: every rule of the bus.</summary>
    public string? FilterArns { get; set; }

    /// <summary>STARTING, RUNNING, CANCELLING, COMPLETED, CANCELLED, FAILED.</summary>
    public required string State { get; set; }

    public string? StateReason { get; set; }

    public required string ReplayStartTime { get; set; }

    public string? ReplayEndTime { get; set; }

    /// <summary>The archive's last event replayed (store sequence), committed with its copy: a restart resumes after it.</summary>
    public long LastSequence { get; set; }

    /// <summary>The store's last sequence when the replay started: later events are not part of it.</summary>
    public long UpToSequence { get; set; }

    public string? EventLastReplayedTime { get; set; }
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
        modelBuilder.Entity<ArchiveRow>(e =>
        {
            e.ToTable("evt_archives");
            e.HasKey(x => x.Name);
        });
        modelBuilder.Entity<ReplayRow>(e =>
        {
            e.ToTable("evt_replays");
            e.HasKey(x => x.Name);
            e.HasIndex(x => x.State);
        });
    }
}
