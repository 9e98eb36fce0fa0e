namespace Shop.Modules.Workflows;

/// <summary>The "Workflows" settings.</summary>
public sealed class WorkflowSettings
{
    /// <summary>Multiplies every wait, heartbeat, timeout and retry interval (0.1 makes a 10 s wait last 1 s).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>How many steps may run at once.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Registers the Demo.Counter workflow (used by the crash test).</summary>
    public bool Demo { get; set; }

    /// <remarks>A value that is not more than 0 (only possible when changed at run time past validation) counts as 1.</remarks>
    internal TimeSpan Scale(double seconds) => TimeSpan.FromSeconds(seconds * (TimeScale > 0 && double.IsFinite(TimeScale) ? TimeScale : 1.0));
}
