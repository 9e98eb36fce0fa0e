namespace Shop.Modules.Workflows;

/// <summary>
/// Step Functions activities: named queues of tasks that external workers take (GetActivityTask) and answer with the
/// task token (SendTaskSuccess/Failure/Heartbeat). A Task state whose Resource is an activity ARN schedules one task
/// per entry; it waits in SQLite for a worker, across restarts.
/// </summary>
public interface IActivities
{
    /// <summary>Creates the activity, or returns the existing one of that name (as AWS, creating is idempotent).</summary>
    Task<ActivityInfo> CreateAsync(string name, CancellationToken cancellationToken = default);

    Task<ActivityInfo?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every live activity, by name.</summary>
    Task<IReadOnlyList<ActivityInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes it (no error when there is none); its waiting tasks fail when a worker would take them.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the oldest waiting task of the activity, waiting up to <paramref name="wait"/> for one to be scheduled;
    /// null when none came. Holds no database connection while it waits. <paramref name="workerName"/> goes into the
    /// ActivityStarted history event.
    /// </summary>
    Task<ActivityTask?> PollAsync(string name, string? workerName, TimeSpan wait, CancellationToken cancellationToken = default);
}

public sealed record ActivityInfo(string Name, DateTimeOffset CreatedAt);

/// <param name="TaskToken">The token to answer with (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat).</param>
/// <param name="Input">The task's input, JSON text.</param>
public sealed record ActivityTask(string TaskToken, string Input);
