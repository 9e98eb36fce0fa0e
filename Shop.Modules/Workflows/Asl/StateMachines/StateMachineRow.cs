namespace Shop.Modules.Workflows.Data;

/// <summary>One revision of an ASL state machine (wf_state_machines). The highest revision of a name is the live one.</summary>
internal sealed class StateMachineRow
{
    public required string Name { get; set; }

    public required int Revision { get; set; }

    /// <summary>The ASL JSON text, as given.</summary>
    public required string Document { get; set; }

    /// <summary>Always STANDARD.</summary>
    public required string Type { get; set; }

    /// <summary>When the name was created (the first revision's time); ISO 8601 UTC text.</summary>
    public required string CreatedAt { get; set; }

    public required string UpdatedAt { get; set; }

    /// <summary>Set on every revision by DeleteStateMachine; a later create starts the name again at the next revision.</summary>
    public bool Deleted { get; set; }
}
