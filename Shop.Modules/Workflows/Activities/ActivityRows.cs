namespace Shop.Modules.Workflows.Data;

/// <summary>An activity (wf_activities): a name workers poll with GetActivityTask. Deleting keeps the row, marked.</summary>
internal sealed class ActivityRow
{
    public required string Name { get; set; }

    /// <summary>ISO 8601 UTC text, as the engine's other times.</summary>
    public required string CreatedAt { get; set; }

    /// <summary>
    /// Deleted activities stay known so that the stored state machines naming them still compile at start; their
    /// tasks fail when scheduled (ActivityScheduleFailed). Creating the name again revives it.
    /// </summary>
    public bool Deleted { get; set; }
}

/// <summary>
/// One scheduled activity task (wf_activity_tasks), written in the step's unit of work with its task token: it waits
/// here for a worker across restarts. <see cref="Token"/> is the plain token the worker receives (the engine keeps
/// only its hash); it is cleared once handed out.
/// </summary>
internal sealed class ActivityTaskRow
{
    public required string TokenHash { get; set; }

    public required string Activity { get; set; }

    public string? Token { get; set; }

    public required string ExecutionId { get; set; }

    public required string State { get; set; }

    /// <summary>The effective input (after InputPath and Parameters), JSON text.</summary>
    public required string Input { get; set; }

    public required string ScheduledAt { get; set; }

    /// <summary>When a worker took it; null while it waits.</summary>
    public string? StartedAt { get; set; }

    public string? WorkerName { get; set; }
}
