using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// <see cref="IStateMachines"/> over wf_state_machines: one row per revision, so a restart can compile again the
/// revision every running execution started on. Validation (compiling) happens before anything is stored; the
/// compiled definition is registered only after the row committed.
/// </summary>
internal sealed class StateMachines(WorkflowsDbContext db, UnitOfWork unitOfWork, AslCompiler compiler, IWorkflowDefinitions definitions, TimeProvider clock)
    : IStateMachines
{
    public const string StandardType = "STANDARD";

    public const string ExpressType = "EXPRESS";

    public Task<StateMachineInfo> CreateAsync(string name, string definition, CancellationToken cancellationToken = default) =>
        CreateAsync(name, definition, StandardType, cancellationToken);

    public async Task<StateMachineInfo> CreateAsync(string name, string definition, string type, CancellationToken cancellationToken = default)
    {
        if (type is not (StandardType or ExpressType)) throw new InvalidInputException("type", $"'{type}' is not a state machine type (STANDARD or EXPRESS).");
        var (machine, created) = await SaveAsync(name, definition, create: true, update: false, cancellationToken, type);
        if (!created && (machine.Definition != definition || machine.Type != type)) throw new StateMachineAlreadyExistsException(name);
        return machine;
    }

    public async Task<StateMachineInfo> UpdateAsync(string name, string definition, CancellationToken cancellationToken = default) =>
        (await SaveAsync(name, definition, create: false, update: true, cancellationToken)).Machine;

    public Task<(StateMachineInfo Machine, bool Created)> PutAsync(string name, string definition, CancellationToken cancellationToken = default) =>
        SaveAsync(name, definition, create: true, update: true, cancellationToken);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var deleted = await unitOfWork.ExecuteAsync(async ct =>
        {
            var rows = await db.StateMachines.Where(m => m.Name == name && !m.Deleted).ToListAsync(ct);
            foreach (var row in rows) row.Deleted = true;
            await db.SaveChangesAsync(ct);
            return rows.Count > 0;
        }, cancellationToken);
        if (deleted) definitions.Remove(name);
        return deleted;
    }

    public async Task<StateMachineInfo?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await db.StateMachines.AsNoTracking().Where(m => m.Name == name).OrderByDescending(m => m.Revision).FirstOrDefaultAsync(cancellationToken);
        return row is null || row.Deleted ? null : await InfoAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyList<StateMachineInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.StateMachines.AsNoTracking().ToListAsync(cancellationToken);
        var latest = rows.GroupBy(r => r.Name).Select(g => g.MaxBy(r => r.Revision)!).Where(r => !r.Deleted).OrderBy(r => r.Name, StringComparer.Ordinal);
        return latest.Select(r => Info(r, rows.Where(x => x.Name == r.Name).Min(x => x.CreatedAt)!)).ToList();
    }

    public void Validate(string name, string definition)
    {
        CheckName(name);
        compiler.Compile(name, definition, 1);
    }

    /// <summary>Compiles and registers every stored revision (deleted names stay known to their running executions).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.StateMachines.AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.Revision).ToListAsync(cancellationToken);
        foreach (var row in rows)
            definitions.Register(compiler.Compile(row.Name, row.Document, row.Revision));
        foreach (var name in rows.GroupBy(r => r.Name).Where(g => g.MaxBy(r => r.Revision)!.Deleted).Select(g => g.Key))
            definitions.Remove(name);
    }

    private async Task<(StateMachineInfo Machine, bool Created)> SaveAsync(string name, string document, bool create, bool update, CancellationToken cancellationToken,
        string type = StandardType)
    {
        CheckName(name);
        if (definitions.TryGet(name, out var existing) && existing.Source != WorkflowSources.Asl)
            throw new ConflictException("Workflow defined in C#", $"'{name}' is a workflow defined in C#; it cannot be replaced by a state machine.");
        // Compiled at a placeholder revision first: an invalid document is refused before anything is stored.
        compiler.Compile(name, document, 1);
        var (row, created, changed) = await unitOfWork.ExecuteAsync(async ct =>
        {
            var latest = await db.StateMachines.Where(m => m.Name == name).OrderByDescending(m => m.Revision).FirstOrDefaultAsync(ct);
            var live = latest is { Deleted: false };
            if (live && !update) return (latest!, false, false);
            if (!live && !create) throw new NotFoundException("State machine", name);
            if (live && latest!.Document == document) return (latest, false, false);
            var now = WorkflowsDbContext.FormatTime(clock.GetUtcNow());
            var next = new StateMachineRow
            {
                Name = name,
                Revision = (latest?.Revision ?? 0) + 1,
                Document = document,
                // The type is the machine's for life: an update keeps it.
                Type = live ? latest!.Type : type,
                CreatedAt = live ? latest!.CreatedAt : now,
                UpdatedAt = now,
            };
            db.StateMachines.Add(next);
            await db.SaveChangesAsync(ct);
            return (next, !live, true);
        }, cancellationToken);
        if (changed) definitions.Register(compiler.Compile(name, row.Document, row.Revision));
        return (Info(row, row.CreatedAt), created);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 80 || name.Any(c => char.IsWhiteSpace(c) || c is '/' or '<' or '>' or '{' or '}' or '[' or ']' or '?' or '*' or '"' or '#' or '%' or '\\' or '^' or '|' or '~' or '`' or '$' or '&' or ',' or ';' or ':'))
            throw new InvalidInputException("name", $"'{name}' is not a state machine name (1 to 80 characters; no spaces, slashes, brackets, wildcards or punctuation such as : , ; $ &).");
    }

    private async Task<StateMachineInfo> InfoAsync(StateMachineRow row, CancellationToken ct)
    {
        var first = await db.StateMachines.AsNoTracking().Where(m => m.Name == row.Name).MinAsync(m => m.CreatedAt, ct);
        return Info(row, first);
    }

    private static StateMachineInfo Info(StateMachineRow row, string createdAt) => new(row.Name, row.Revision, row.Document, row.Type,
        WorkflowsDbContext.ParseTime(createdAt), WorkflowsDbContext.ParseTime(row.UpdatedAt));
}
