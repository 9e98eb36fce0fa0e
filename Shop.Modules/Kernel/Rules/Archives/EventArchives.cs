using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules.Data;

namespace Shop.Modules.Kernel.Rules.Archives;

/// <summary>An archive as DescribeArchive shows it; <see cref="EventCount"/> and <see cref="SizeBytes"/> are counted from the store.</summary>
public sealed record ArchiveInfo(string Name, string Bus, string? EventPattern, string? Description, int RetentionDays, DateTimeOffset CreatedAt,
    long EventCount, long SizeBytes);

/// <summary>One archived event: its place in the store and its envelope.</summary>
internal sealed record ArchivedEvent(long Sequence, EventEnvelope Envelope);

/// <summary>
/// EventBridge archives over the event store, which already keeps every event: an archive is a bus, an optional
/// event pattern and a retention, not a copy. It holds the events put on its bus after it was made (as EventBridge's),
/// not replayed copies nor scheduled rules' events, and younger than its retention (0: indefinitely).
/// </summary>
public sealed partial class EventArchives
{
    private readonly EventsDbContext _db;
    private readonly UnitOfWork _unitOfWork;
    private readonly EventRules _rules;
    private readonly TimeProvider _clock;

    internal EventArchives(EventsDbContext db, UnitOfWork unitOfWork, EventRules rules, TimeProvider clock)
    {
        (_db, _unitOfWork, _rules, _clock) = (db, unitOfWork, rules, clock);
    }

    /// <exception cref="InvalidEventPatternException">The pattern is not valid.</exception>
    public async Task<ArchiveInfo> CreateAsync(string name, string sourceBus, string? pattern, string? description, int retentionDays,
        CancellationToken cancellationToken = default)
    {
        RequireName(name);
        Check(pattern, retentionDays);
        var bus = await _rules.RequireBusAsync(sourceBus, cancellationToken);
        await _unitOfWork.ExecuteAsync(async ct =>
        {
            if (await _db.Archives.AnyAsync(a => a.Name == name, ct))
                throw new ConflictException("Archive exists", $"Archive {name} already exists.") { ErrorCode = "ResourceAlreadyExistsException" };
            var last = await _db.Events.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
            _db.Archives.Add(new ArchiveRow
            {
                Name = name, Bus = bus, Pattern = pattern, Description = description, RetentionDays = retentionDays, CreatedAt = Now(), FromSequence = last,
            });
            await _db.SaveChangesAsync(ct);
        }, cancellationToken);
        return await DescribeAsync(name, cancellationToken);
    }

    /// <summary>Changes what is given (null leaves it; an empty pattern removes it).</summary>
    public async Task<ArchiveInfo> UpdateAsync(string name, string? pattern, string? description, int? retentionDays, CancellationToken cancellationToken = default)
    {
        Check(string.IsNullOrEmpty(pattern) ? null : pattern, retentionDays ?? 0);
        await _unitOfWork.ExecuteAsync(async ct =>
        {
            var row = await _db.Archives.FirstOrDefaultAsync(a => a.Name == name, ct) ?? throw new NotFoundException("Archive", name);
            if (pattern is not null) row.Pattern = pattern.Length == 0 ? null : pattern;
            if (description is not null) row.Description = description;
            if (retentionDays is { } days) row.RetentionDays = days;
            await _db.SaveChangesAsync(ct);
        }, cancellationToken);
        return await DescribeAsync(name, cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        _unitOfWork.ExecuteAsync(async ct =>
        {
            if (await _db.Archives.Where(a => a.Name == name).ExecuteDeleteAsync(ct) == 0) throw new NotFoundException("Archive", name);
        }, cancellationToken);

    public async Task<ArchiveInfo> DescribeAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await _db.Archives.AsNoTracking().FirstOrDefaultAsync(a => a.Name == name, cancellationToken) ?? throw new NotFoundException("Archive", name);
        return await InfoAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyList<ArchiveInfo>> ListAsync(string? namePrefix, string? sourceBus, CancellationToken cancellationToken = default)
    {
        var rows = await _db.Archives.AsNoTracking().ToListAsync(cancellationToken);
        var list = new List<ArchiveInfo>();
        foreach (var row in rows.Where(r => (namePrefix is null || r.Name.StartsWith(namePrefix, StringComparison.Ordinal)) && (sourceBus is null || r.Bus == sourceBus))
                     .OrderBy(r => r.Name, StringComparer.Ordinal))
            list.Add(await InfoAsync(row, cancellationToken));
        return list;
    }

    /// <summary>The archive's events with a sequence in (after, upTo] and a time in [start, end), in store order, at most <paramref name="take"/> looked at.</summary>
    /// <returns>The matching events, and the last sequence looked at (the next batch starts after it).</returns>
    internal async Task<(List<ArchivedEvent> Events, long LastLookedAt)> EventsAsync(ArchiveRow archive, long after, long upTo,
        DateTimeOffset? start, DateTimeOffset? end, int take, CancellationToken cancellationToken)
    {
        var from = Math.Max(after, archive.FromSequence);
        var query = _db.Events.AsNoTracking().Where(e => e.Bus == archive.Bus && e.ReplayName == null && e.Sequence > from && e.Sequence <= upTo);
        // A retention beyond a millennium keeps everything (and would overflow the date).
        if (archive.RetentionDays is > 0 and < 365_000)
        {
            var kept = ModelConventions.UtcTextConverter.Format(_clock.GetUtcNow().AddDays(-archive.RetentionDays));
            query = query.Where(e => string.Compare(e.Time, kept) >= 0);
        }
        if (start is { } s)
        {
            var text = ModelConventions.UtcTextConverter.Format(s);
            query = query.Where(e => string.Compare(e.Time, text) >= 0);
        }
        if (end is { } en)
        {
            var text = ModelConventions.UtcTextConverter.Format(en);
            query = query.Where(e => string.Compare(e.Time, text) < 0);
        }
        var rows = await query.OrderBy(e => e.Sequence).Take(take).Select(e => new { e.Sequence, e.Envelope }).ToListAsync(cancellationToken);
        var pattern = archive.Pattern is null ? null : EventPattern.Parse(archive.Pattern);
        var events = rows.Select(r => new ArchivedEvent(r.Sequence, JsonSerializer.Deserialize<EventEnvelope>(r.Envelope, EventEnvelope.Json)!))
            .Where(e => !e.Envelope.IsScheduled && (pattern is null || pattern.Matches(EventPattern.ToNode(e.Envelope)))).ToList();
        return (events, rows.Count == 0 ? upTo : rows[^1].Sequence);
    }

    internal Task<ArchiveRow?> FindRowAsync(string name, CancellationToken cancellationToken) =>
        _db.Archives.AsNoTracking().FirstOrDefaultAsync(a => a.Name == name, cancellationToken);

    private async Task<ArchiveInfo> InfoAsync(ArchiveRow row, CancellationToken cancellationToken)
    {
        long count = 0, size = 0, after = 0;
        var upTo = await _db.Events.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        while (after < upTo)
        {
            var (events, last) = await EventsAsync(row, after, upTo, null, null, 1000, cancellationToken);
            count += events.Count;
            size += events.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Envelope.ToJson()));
            after = last;
        }
        return new ArchiveInfo(row.Name, row.Bus, row.Pattern, row.Description, row.RetentionDays,
            ModelConventions.UtcTextConverter.Parse(row.CreatedAt), count, size);
    }

    private static void Check(string? pattern, int retentionDays)
    {
        if (retentionDays < 0) throw Invalid("RetentionDays", "RetentionDays must be 0 (indefinitely) or more.");
        if (pattern is not null) EventPattern.Parse(pattern);
    }

    private static void RequireName(string name)
    {
        if (!ArchiveName().IsMatch(name)) throw Invalid("ArchiveName", $"Archive name '{name}' is not valid: 1 to 48 of the characters A-Z a-z 0-9 . - _.");
    }

    internal static InvalidInputException Invalid(string field, string message) => new(field, message) { ErrorCode = "ValidationException" };

    private string Now() => ModelConventions.UtcTextConverter.Format(_clock.GetUtcNow());

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]{1,48}$")]
    private static partial Regex ArchiveName();
}
