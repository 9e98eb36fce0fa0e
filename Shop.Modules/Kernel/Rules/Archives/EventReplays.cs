using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules.Data;

namespace Shop.Modules.Kernel.Rules.Archives;

/// <summary>A replay as DescribeReplay shows it.</summary>
public sealed record ReplayInfo(string Name, string Archive, string? Description, string State, string? StateReason, DateTimeOffset EventStartTime,
    DateTimeOffset EventEndTime, string Destination, IReadOnlyList<string>? FilterArns, DateTimeOffset ReplayStartTime, DateTimeOffset? ReplayEndTime,
    DateTimeOffset? EventLastReplayedTime);

/// <summary>
/// EventBridge replays: the archive's events of a time window put again on the archive's bus, each a new event
/// carrying <c>replay-name</c> and marked in the store as replayed, delivered only to the chosen rules (every rule of
/// the bus when none is named). <see cref="ReplayRunner"/> runs them: STARTING → RUNNING → COMPLETED, or CANCELLING
/// → CANCELLED; a replay interrupted by a restart resumes after the last event it replayed.
/// </summary>
public sealed partial class EventReplays
{
    public const string Starting = "STARTING", Running = "RUNNING", Cancelling = "CANCELLING", Completed = "COMPLETED", Cancelled = "CANCELLED", Failed = "FAILED";

    private readonly EventsDbContext _db;
    private readonly UnitOfWork _unitOfWork;
    private readonly EventRules _rules;
    private readonly ReplayRunner _runner;
    private readonly TimeProvider _clock;

    internal EventReplays(EventsDbContext db, UnitOfWork unitOfWork, EventRules rules, ReplayRunner runner, TimeProvider clock)
    {
        (_db, _unitOfWork, _rules, _runner, _clock) = (db, unitOfWork, rules, runner, clock);
    }

    /// <param name="filterRules">Rule names on the destination bus (from Destination.FilterArns); null: every rule of the bus.</param>
    public async Task<ReplayInfo> StartAsync(string name, string archive, DateTimeOffset start, DateTimeOffset end, string destinationBus,
        IReadOnlyList<string>? filterArns, string? description, CancellationToken cancellationToken = default)
    {
        if (!ReplayName().IsMatch(name)) throw EventArchives.Invalid("ReplayName", $"Replay name '{name}' is not valid: 1 to 64 of the characters A-Z a-z 0-9 . - _.");
        if (start >= end) throw EventArchives.Invalid("EventStartTime", "EventStartTime must be before EventEndTime.");
        var bus = await _rules.RequireBusAsync(destinationBus, cancellationToken);
        foreach (var arn in filterArns ?? [])
        {
            if (RuleSubscribers.RuleNameOf(arn) is not { } rule || !arn.StartsWith("arn:", StringComparison.Ordinal))
                throw EventArchives.Invalid("FilterArns", $"'{arn}' is not a rule ARN (arn:aws:events:<region>:<account>:rule/[<bus>/]<name>).");
            await _rules.DescribeRuleAsync(bus, rule, cancellationToken);
        }
        await _unitOfWork.ExecuteAsync(async ct =>
        {
            var source = await _db.Archives.AsNoTracking().FirstOrDefaultAsync(a => a.Name == archive, ct) ?? throw new NotFoundException("Archive", archive);
            if (source.Bus != bus)
                throw EventArchives.Invalid("Destination", $"Archive {archive} keeps the events of bus {source.Bus}: a replay goes back to that bus, not to {bus}.");
            if (await _db.Replays.AnyAsync(r => r.Name == name, ct))
                throw new ConflictException("Replay exists", $"Replay {name} already exists.") { ErrorCode = "ResourceAlreadyExistsException" };
            _db.Replays.Add(new ReplayRow
            {
                Name = name, Archive = archive, Description = description, Destination = bus, State = Starting,
                EventStartTime = Stamp(start), EventEndTime = Stamp(end), ReplayStartTime = Stamp(_clock.GetUtcNow()),
                FilterArns = filterArns is null ? null : JsonSerializer.Serialize(filterArns),
                LastSequence = source.FromSequence,
                UpToSequence = await _db.Events.MaxAsync(e => (long?)e.Sequence, ct) ?? 0,
            });
            await _db.SaveChangesAsync(ct);
            _unitOfWork.AfterCommit(() => { _runner.Wake(); return ValueTask.CompletedTask; });
        }, cancellationToken);
        return await DescribeAsync(name, cancellationToken);
    }

    public async Task<ReplayInfo> DescribeAsync(string name, CancellationToken cancellationToken = default) =>
        Info(await _db.Replays.AsNoTracking().FirstOrDefaultAsync(r => r.Name == name, cancellationToken) ?? throw new NotFoundException("Replay", name));

    public async Task<IReadOnlyList<ReplayInfo>> ListAsync(string? namePrefix, string? state, string? archive, CancellationToken cancellationToken = default)
    {
        var rows = await _db.Replays.AsNoTracking().ToListAsync(cancellationToken);
        return rows.Where(r => (namePrefix is null || r.Name.StartsWith(namePrefix, StringComparison.Ordinal)) && (state is null || r.State == state)
                && (archive is null || r.Archive == archive))
            .OrderBy(r => r.Name, StringComparer.Ordinal).Select(Info).ToList();
    }

    /// <summary>A STARTING or RUNNING replay becomes CANCELLING; the runner stops it (CANCELLED) before its next event.</summary>
    public async Task<ReplayInfo> CancelAsync(string name, CancellationToken cancellationToken = default)
    {
        await _unitOfWork.ExecuteAsync(async ct =>
        {
            var row = await _db.Replays.FirstOrDefaultAsync(r => r.Name == name, ct) ?? throw new NotFoundException("Replay", name);
            if (row.State is not (Starting or Running))
                throw new ConflictException("Replay not running", $"Replay {name} is {row.State}: only a STARTING or RUNNING replay can be cancelled.")
                { ErrorCode = "IllegalStatusException" };
            row.State = Cancelling;
            await _db.SaveChangesAsync(ct);
            _unitOfWork.AfterCommit(() => { _runner.Wake(); return ValueTask.CompletedTask; });
        }, cancellationToken);
        return await DescribeAsync(name, cancellationToken);
    }

    private static ReplayInfo Info(ReplayRow r) => new(r.Name, r.Archive, r.Description, r.State, r.StateReason, Parse(r.EventStartTime)!.Value,
        Parse(r.EventEndTime)!.Value, r.Destination, r.FilterArns is null ? null : JsonSerializer.Deserialize<string[]>(r.FilterArns),
        Parse(r.ReplayStartTime)!.Value, Parse(r.ReplayEndTime), Parse(r.EventLastReplayedTime));

    private static string Stamp(DateTimeOffset time) => ModelConventions.UtcTextConverter.Format(time);

    private static DateTimeOffset? Parse(string? text) => text is null ? null : ModelConventions.UtcTextConverter.Parse(text);

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]{1,64}$")]
    private static partial Regex ReplayName();
}
