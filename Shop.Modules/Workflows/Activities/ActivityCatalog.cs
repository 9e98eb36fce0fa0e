using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows.Activities;

/// <summary>
/// What the ASL compiler and the pollers need without a query: which activity names exist (live, or deleted but still
/// named by stored state machines), and an in-process signal per activity that wakes its pollers once a task of it
/// has committed. Loaded from wf_activities on first use (the compiler may ask before any hosted service ran).
/// </summary>
internal sealed class ActivityCatalog(IServiceScopeFactory scopes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private Dictionary<string, bool>? _names; // name → live

    public bool IsKnown(string name) { lock (_lock) return Names().ContainsKey(name); }

    public bool IsLive(string name) { lock (_lock) return Names().TryGetValue(name, out var live) && live; }

    public void Set(string name, bool live) { lock (_lock) Names()[name] = live; }

    /// <summary>The signal a poller awaits; take it before looking in the database, so a task committed meanwhile is not missed.</summary>
    public Task Signal(string activity)
    {
        lock (_lock)
        {
            if (!_signals.TryGetValue(activity, out var signal))
                _signals[activity] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return signal.Task;
        }
    }

    /// <summary>Wakes every poller of the activity (called after the task's unit of work committed).</summary>
    public void Wake(string activity)
    {
        TaskCompletionSource? signal;
        lock (_lock)
        {
            if (!_signals.Remove(activity, out signal)) return;
        }
        signal.TrySetResult();
    }

    private Dictionary<string, bool> Names()
    {
        if (_names is not null) return _names;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        _names = db.Activities.AsNoTracking().ToDictionary(a => a.Name, a => !a.Deleted, StringComparer.Ordinal);
        return _names;
    }
}
