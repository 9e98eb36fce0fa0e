namespace Shop.Modules.Workflows;

/// <summary>
/// State machines written in Amazon States Language, stored in SQLite (table wf_state_machines) and versioned:
/// every change registers the compiled definition at the next revision; running executions finish on theirs.
/// Every method validates first and throws <see cref="InvalidDefinitionException"/> (400) for a bad document.
/// </summary>
public interface IStateMachines
{
    /// <summary>Creates <paramref name="name"/>; the same document again returns the existing one, another one throws <see cref="StateMachineAlreadyExistsException"/>.</summary>
    Task<StateMachineInfo> CreateAsync(string name, string definition, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="CreateAsync(string, string, CancellationToken)"/> with a type: "STANDARD" or "EXPRESS" (kept for the machine's life).</summary>
    Task<StateMachineInfo> CreateAsync(string name, string definition, string type, CancellationToken cancellationToken = default);

    /// <summary>Replaces the document of an existing machine (NotFoundException otherwise) at the next revision.</summary>
    Task<StateMachineInfo> UpdateAsync(string name, string definition, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates (REST PUT); <c>Created</c> says which.</summary>
    Task<(StateMachineInfo Machine, bool Created)> PutAsync(string name, string definition, CancellationToken cancellationToken = default);

    /// <summary>Marks it deleted and unregisters it for new executions; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The latest revision, or null when there is none (or it was deleted).</summary>
    Task<StateMachineInfo?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every live machine, by name.</summary>
    Task<IReadOnlyList<StateMachineInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Parses and checks a document without storing it (the console's "validate").</summary>
    void Validate(string name, string definition);
}

/// <param name="Definition">The ASL JSON text, as given.</param>
/// <param name="Type">"STANDARD" or "EXPRESS" (set at creation).</param>
public sealed record StateMachineInfo(string Name, int Revision, string Definition, string Type, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
