using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules.Data;

// The rules on a bus: list, describe, put (pattern and/or schedule), delete, enable/disable.
namespace Shop.Modules.Kernel.Rules;

public sealed partial class EventRules
{
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
}
