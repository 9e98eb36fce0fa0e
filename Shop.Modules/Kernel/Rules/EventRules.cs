using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules.Data;

namespace Shop.Modules.Kernel.Rules;

/// <summary>A bus: <c>default</c> and the settings' buses are <see cref="Declared"/> (cannot be deleted).</summary>
public sealed record EventBusInfo(string Name, bool Declared);

/// <summary>A rule on a bus; <see cref="Managed"/> rules are declared in code or settings and are read-only.</summary>
/// <param name="EventPattern">Null for a rule that only runs on its <paramref name="ScheduleExpression"/>.</param>
public sealed record RuleInfo(string Bus, string Name, string? EventPattern, bool Enabled, string? Description, string? RoleArn, bool Managed,
    string? ScheduleExpression = null);

/// <param name="Arn">A state machine or event bus ARN, or the name of a target the shop registers (<see cref="IRuleTarget"/>).</param>
/// <param name="Input">The target's <c>Input</c>, <c>InputPath</c> or <c>InputTransformer</c> member as EventBridge spells it; null: the whole event.</param>
/// <param name="Retry">EventBridge's RetryPolicy; null: the dispatcher's own attempts.</param>
/// <param name="DeadLetterArn">DeadLetterConfig.Arn, an SQS queue ARN naming a dead-letter list of the shop.</param>
public sealed record RuleTargetInfo(string Id, string Arn, string? RoleArn, JsonObject? Input, TargetRetryPolicy? Retry = null, string? DeadLetterArn = null);

/// <summary>EventBridge's RetryPolicy: MaximumRetryAttempts 0-185, MaximumEventAgeInSeconds 60-86400.</summary>
public sealed record TargetRetryPolicy(int? MaximumRetryAttempts, int? MaximumEventAgeInSeconds);

public sealed record RuleTargetFailure(string TargetId, string ErrorCode, string ErrorMessage);

/// <summary>
/// EventBridge's buses, rules and targets as the shop keeps them: <c>default</c> and the settings' buses always
/// exist; buses, rules and targets made at run time are rows in SQLite (they survive restarts); rules declared
/// in code and settings live on <c>default</c> and are read-only. Errors are domain errors whose
/// <c>ErrorCode</c> is EventBridge's (<c>ResourceNotFoundException</c> for a missing bus or rule).
/// </summary>
public sealed class EventRules
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

    /// <summary>The bus's rules by name: declared ones (on <c>default</c>) and run-time ones.</summary>
    public async Task<IReadOnlyList<RuleInfo>> ListRulesAsync(string bus, string? namePrefix = null, CancellationToken cancellationToken = default)
    {
        var rows = await _db.Rules.AsNoTracking().Where(r => r.Bus == bus).ToListAsync(cancellationToken);
        return DeclaredOn(bus).Select(Describe).Concat(rows.Select(Describe))
            .Where(r => namePrefix is null || r.Name.StartsWith(namePrefix, StringComparison.Ordinal))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <exception cref="NotFoundException">No such rule on the bus.</exception>
    public async Task<RuleInfo> DescribeRuleAsync(string bus, string name, CancellationToken cancellationToken = default)
    {
        if (DeclaredOn(bus).FirstOrDefault(r => r.Rule.Name == name) is { } declared) return Describe(declared);
        var row = await _db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Bus == bus && r.Name == name, cancellationToken);
        return row is null ? throw RuleNotFound(bus, name) : Describe(row);
    }

    /// <summary>Creates or replaces a run-time rule: an event pattern (checked by the shop's matcher), a schedule (default bus only), or both.</summary>
    /// <exception cref="InvalidEventPatternException">The pattern is not valid.</exception>
    /// <exception cref="InvalidInputException">The schedule is not valid, or not on the default bus (ErrorCode ValidationException).</exception>
    public Task PutRuleAsync(string bus, string name, string? eventPattern, bool enabled, string? description, string? roleArn,
        string? scheduleExpression = null, CancellationToken cancellationToken = default)
    {
        if (!EventBuses.IsValidRuleName(name)) throw Invalid("Name", $"Rule name '{name}' is not valid: 1 to 64 of the characters A-Z a-z 0-9 . - _.");
        RefuseManaged(bus, name);
        if (string.IsNullOrWhiteSpace(eventPattern) && string.IsNullOrWhiteSpace(scheduleExpression))
            throw Invalid("EventPattern", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        if (!string.IsNullOrWhiteSpace(eventPattern)) EventPattern.Parse(eventPattern);
        if (!string.IsNullOrWhiteSpace(scheduleExpression))
        {
            if (bus != EventBuses.Default)
                throw Invalid("ScheduleExpression", "ScheduleExpression is supported only on the default event bus.");
            Schedules.ScheduleExpression.Parse(scheduleExpression);
        }
        else scheduleExpression = null;
        return Write(async ct =>
        {
            await RequireBusAsync(bus, ct);
            var row = await _db.Rules.FirstOrDefaultAsync(r => r.Bus == bus && r.Name == name, ct);
            if (row is null) _db.Rules.Add(row = new RuleRow { Bus = bus, Name = name, Pattern = "", CreatedAt = Now() });
            row.Pattern = string.IsNullOrWhiteSpace(eventPattern) ? "" : eventPattern;
            if (row.ScheduleExpression != scheduleExpression)
            {
                // A new schedule starts now: a rate counts from here, and no earlier slot is owed.
                row.ScheduleExpression = scheduleExpression;
                row.ScheduleSince = scheduleExpression is null ? null : Now();
                row.ScheduleLastSlot = null;
            }
            row.Enabled = enabled;
            row.Description = description;
            row.RoleArn = roleArn;
            var scheduled = enabled && scheduleExpression is not null;
            if (bus == EventBuses.Default) _unitOfWork.AfterCommit(() => { _schedules.Sync(name, scheduled); return ValueTask.CompletedTask; });
        }, cancellationToken);
    }

    /// <summary>As EventBridge: deleting a rule that does not exist succeeds; a rule with targets is refused.</summary>
    public Task DeleteRuleAsync(string bus, string name, CancellationToken cancellationToken = default)
    {
        RefuseManaged(bus, name);
        return Write(async ct =>
        {
            if (await _db.Targets.AnyAsync(t => t.Bus == bus && t.Rule == name, ct))
                throw Invalid("Name", "Rule can't be deleted since it has targets.");
            await _db.Rules.Where(r => r.Bus == bus && r.Name == name).ExecuteDeleteAsync(ct);
            if (bus == EventBuses.Default) _unitOfWork.AfterCommit(() => { _schedules.Sync(name, false); return ValueTask.CompletedTask; });
        }, cancellationToken);
    }

    public Task SetEnabledAsync(string bus, string name, bool enabled, CancellationToken cancellationToken = default)
    {
        RefuseManaged(bus, name);
        return Write(async ct =>
        {
            var row = await _db.Rules.FirstOrDefaultAsync(r => r.Bus == bus && r.Name == name, ct) ?? throw RuleNotFound(bus, name);
            if (row.ScheduleExpression is not null && enabled && !row.Enabled)
            {
                // Slots that passed while it was disabled are not owed.
                row.ScheduleSince = Now();
                row.ScheduleLastSlot = null;
            }
            row.Enabled = enabled;
            var scheduled = enabled && row.ScheduleExpression is not null;
            if (bus == EventBuses.Default) _unitOfWork.AfterCommit(() => { _schedules.Sync(name, scheduled); return ValueTask.CompletedTask; });
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<RuleTargetInfo>> ListTargetsAsync(string bus, string rule, CancellationToken cancellationToken = default)
    {
        if (DeclaredOn(bus).FirstOrDefault(r => r.Rule.Name == rule) is { } declared)
            return [new RuleTargetInfo(declared.Target, declared.Target, null, declared.Rule.Input?.ToTarget() is { Count: > 0 } input ? input : null)];
        await DescribeRuleAsync(bus, rule, cancellationToken);
        var rows = await _db.Targets.AsNoTracking().Where(t => t.Bus == bus && t.Rule == rule).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        return rows.Select(t => new RuleTargetInfo(t.Id, t.Arn, t.RoleArn, t.InputJson is null ? null : JsonNode.Parse(t.InputJson)!.AsObject(),
            t.MaxRetryAttempts is null && t.MaxEventAgeSeconds is null ? null : new TargetRetryPolicy(t.MaxRetryAttempts, t.MaxEventAgeSeconds),
            t.DeadLetterArn)).ToList();
    }

    /// <summary>Adds or replaces targets by id. A target the shop cannot invoke is a failed entry; a bad input transformer refuses the call.</summary>
    /// <exception cref="InvalidInputTransformerException">A target's Input, InputPath or InputTransformer is not valid.</exception>
    public Task<IReadOnlyList<RuleTargetFailure>> PutTargetsAsync(string bus, string rule, IReadOnlyList<RuleTargetInfo> targets,
        CancellationToken cancellationToken = default)
    {
        RefuseManaged(bus, rule);
        foreach (var target in targets)
            if (target.Input is { Count: > 0 } input) TargetInput.FromTarget(input);
        return Write<IReadOnlyList<RuleTargetFailure>>(async ct =>
        {
            await DescribeRuleAsync(bus, rule, ct);
            var existing = await _db.Targets.Where(t => t.Bus == bus && t.Rule == rule).ToListAsync(ct);
            var failures = new List<RuleTargetFailure>();
            var position = existing.Count == 0 ? 0 : existing.Max(t => t.Position) + 1;
            foreach (var target in targets)
            {
                if (!EventBuses.IsValidRuleName(target.Id))
                    failures.Add(new RuleTargetFailure(target.Id, "ValidationException", $"Target id '{target.Id}' is not valid: 1 to 64 of A-Z a-z 0-9 . - _."));
                else if (_invoker.Refuses(target.Arn, bus) is { } problem)
                    failures.Add(new RuleTargetFailure(target.Id, "ValidationException", problem));
                else if (target.DeadLetterArn is { } dlq && DeadLetterList.NameOf(dlq) is null)
                    failures.Add(new RuleTargetFailure(target.Id, "ValidationException",
                        $"DeadLetterConfig.Arn '{dlq}' is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue name>); its queue name names the shop's dead-letter list."));
                else
                {
                    var row = existing.FirstOrDefault(t => t.Id == target.Id);
                    if (row is null)
                    {
                        if (existing.Count >= MaxTargetsPerRule)
                            throw new ConflictException("Too many targets", $"The requested resource exceeds the maximum number allowed: a rule has at most {MaxTargetsPerRule} targets.") { ErrorCode = "LimitExceededException" };
                        _db.Targets.Add(row = new RuleTargetRow { Bus = bus, Rule = rule, Id = target.Id, Arn = target.Arn, Position = position++ });
                        existing.Add(row);
                    }
                    row.Arn = target.Arn;
                    row.RoleArn = target.RoleArn;
                    row.InputJson = target.Input is { Count: > 0 } input ? input.ToJsonString() : null;
                    row.MaxRetryAttempts = target.Retry?.MaximumRetryAttempts;
                    row.MaxEventAgeSeconds = target.Retry?.MaximumEventAgeInSeconds;
                    row.DeadLetterArn = target.DeadLetterArn;
                }
            }
            return failures;
        }, cancellationToken);
    }

    /// <summary>Removes targets by id; ids the rule does not have are ignored, as in EventBridge.</summary>
    public Task RemoveTargetsAsync(string bus, string rule, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        RefuseManaged(bus, rule);
        return Write(async ct =>
        {
            await DescribeRuleAsync(bus, rule, ct);
            await _db.Targets.Where(t => t.Bus == bus && t.Rule == rule && ids.Contains(t.Id)).ExecuteDeleteAsync(ct);
        }, cancellationToken);
    }

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

/// <summary><c>default</c> and the buses of the <c>EventBuses</c> settings (names only, e.g. the seeds' <c>sw-event-bus</c>).</summary>
internal sealed class DeclaredBuses
{
    public DeclaredBuses(IConfiguration configuration)
    {
        var names = configuration.GetSection(EventBuses.Section).GetChildren().Select(c => c.Value?.Trim()).OfType<string>();
        foreach (var name in names.Where(n => n.Length > 0))
        {
            // Looser than CreateEventBus: seed 000's file names "AppEventBus-<stack-name>" literally.
            if (name.Length > 256 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new InvalidOperationException($"{EventBuses.Section}: '{name}' is not a bus name (1 to 256 characters, no spaces).");
            Names.Add(name);
        }
    }

    public SortedSet<string> Names { get; } = new(StringComparer.Ordinal) { EventBuses.Default };

    public bool Contains(string name) => Names.Contains(name);
}
