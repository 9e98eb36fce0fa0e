using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules.Data;

// EventRules: what it holds, the buses, and the helpers its rules and targets share (EventRules.Rules.cs, EventRules.Targets.cs).
namespace Shop.Modules.Kernel.Rules;

/// <summary>
/// EventBridge's buses, rules and targets as the shop keeps them: <c>default</c> and the settings' buses always
/// exist; buses, rules and targets made at run time are rows in SQLite (they survive restarts); rules declared
/// in code and settings live on <c>default</c> and are read-only. Errors are domain errors whose
/// <c>ErrorCode</c> is EventBridge's (<c>ResourceNotFoundException</c> for a missing bus or rule).
/// </summary>
public sealed partial class EventRules
{
    /// <summary>EventBridge's limit of targets per rule.</summary>
    public const int MaxTargetsPerRule = 5;

    private readonly EventsDbContext _db;
    private readonly UnitOfWork _unitOfWork;
    private readonly RuleRegistry _declared;
    private readonly DeclaredBuses _declaredBuses;
    private readonly RuntimeRuleCache _cache;
    private readonly RuleTargetInvoker _invoker;
    private readonly TimeProvider _clock;
    private readonly Schedules.RuleSchedules _schedules;

    internal EventRules(EventsDbContext db, UnitOfWork unitOfWork, RuleRegistry declared, DeclaredBuses declaredBuses,
        RuntimeRuleCache cache, RuleTargetInvoker invoker, TimeProvider clock, Schedules.RuleSchedules schedules)
    {
        _schedules = schedules;
        _db = db;
        _unitOfWork = unitOfWork;
        _declared = declared;
        _declaredBuses = declaredBuses;
        _cache = cache;
        _invoker = invoker;
        _clock = clock;
    }

    public async Task<IReadOnlyList<EventBusInfo>> ListBusesAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _db.Buses.AsNoTracking().Select(b => b.Name).ToListAsync(cancellationToken);
        return _declaredBuses.Names.Select(n => new EventBusInfo(n, true))
            .Concat(stored.Where(n => !_declaredBuses.Contains(n)).Select(n => new EventBusInfo(n, false)))
            .OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
    }

    /// <param name="nameOrArn">A bus name or ARN; null or empty is <c>default</c>.</param>
    public async Task<EventBusInfo?> FindBusAsync(string? nameOrArn, CancellationToken cancellationToken = default)
    {
        var name = EventBuses.NameOf(nameOrArn);
        if (_declaredBuses.Contains(name)) return new EventBusInfo(name, true);
        return await _db.Buses.AsNoTracking().AnyAsync(b => b.Name == name, cancellationToken) ? new EventBusInfo(name, false) : null;
    }

    /// <returns>The bus's name.</returns>
    /// <exception cref="NotFoundException">No such bus.</exception>
    public async Task<string> RequireBusAsync(string? nameOrArn, CancellationToken cancellationToken = default) =>
        (await FindBusAsync(nameOrArn, cancellationToken))?.Name ?? throw new NotFoundException("Event bus", EventBuses.NameOf(nameOrArn));

    public Task CreateBusAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!EventBuses.IsValidName(name))
            throw Invalid("Name", $"Event bus name '{name}' is not valid: 1 to 256 of the characters A-Z a-z 0-9 . - _ /.");
        return _unitOfWork.ExecuteAsync(async ct =>
        {
            if (await FindBusAsync(name, ct) is not null)
                throw new ConflictException("Event bus exists", $"Event bus {name} already exists.") { ErrorCode = "ResourceAlreadyExistsException" };
            _db.Buses.Add(new EventBusRow { Name = name, CreatedAt = Now() });
            await _db.SaveChangesAsync(ct);
        }, cancellationToken);
    }

    /// <summary>As EventBridge: deleting a bus that does not exist succeeds; <c>default</c> and the settings' buses cannot go.</summary>
    public Task DeleteBusAsync(string name, CancellationToken cancellationToken = default) =>
        _unitOfWork.ExecuteAsync(async ct =>
        {
            if (_declaredBuses.Contains(name))
                throw Invalid("Name", name == EventBuses.Default
                    ? "Cannot delete event bus default."
                    : $"Event bus {name} is declared in the shop's settings ({EventBuses.Section}) and cannot be deleted.");
            if (await _db.Rules.AnyAsync(r => r.Bus == name, ct))
                throw Invalid("Name", $"Event bus {name} still has rules; delete them first (ListRules --event-bus-name {name}).");
            await _db.Buses.Where(b => b.Name == name).ExecuteDeleteAsync(ct);
        }, cancellationToken);

    private IEnumerable<RuleDeclaration> DeclaredOn(string bus) => bus == EventBuses.Default ? _declared.Rules : [];

    private void RefuseManaged(string bus, string name)
    {
        if (DeclaredOn(bus).FirstOrDefault(r => r.Rule.Name == name) is { } declared)
            throw new ConflictException("Managed rule", $"Rule {name} is managed by the shop ({declared.Origin}) and cannot be changed at run time.")
            { ErrorCode = "ManagedRuleException" };
    }

    /// <summary>A write to the rule tables: saved in one unit of work; the dispatcher's cache reloads once it commits.</summary>
    private Task<bool> Write(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        Write(async ct => { await work(ct); return true; }, cancellationToken);

    private Task<T> Write<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _unitOfWork.ExecuteAsync(async ct =>
        {
            var result = await work(ct);
            try
            {
                await _db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // Two callers changed the same rule at once (SQLite refused the second insert).
                throw new ConflictException("Concurrent modification", "The rule was changed by another request; try again: " + e.GetBaseException().Message)
                { ErrorCode = "ConcurrentModificationException" };
            }
            _unitOfWork.AfterCommit(() => { _cache.Invalidate(); return ValueTask.CompletedTask; });
            return result;
        }, cancellationToken);

    private static RuleInfo Describe(RuleDeclaration declared) =>
        new(EventBuses.Default, declared.Rule.Name, declared.Rule.Pattern.Json, true, $"Declared in {declared.Origin}; target {declared.Target}.", null, true);

    private static RuleInfo Describe(RuleRow row) =>
        new(row.Bus, row.Name, row.Pattern.Length == 0 ? null : row.Pattern, row.Enabled, row.Description, row.RoleArn, false, row.ScheduleExpression);

    private static NotFoundException RuleNotFound(string bus, string name) => new("Rule", $"{name}' on event bus '{bus}");

    private static InvalidInputException Invalid(string field, string message) => new(field, message) { ErrorCode = "ValidationException" };

    private string Now() => ModelConventions.UtcTextConverter.Format(_clock.GetUtcNow());
}
