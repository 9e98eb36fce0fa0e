using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Rules.Archives;

/// <summary>
/// Runs the replays that are not over, one event at a time: each copy is stored together with the replay's progress
/// (the last sequence replayed), so a restart resumes after it and nothing is delivered twice. At start it picks up
/// every STARTING, RUNNING or CANCELLING replay. <c>Events:ReplayDelay</c> (0 by default) paces the copies.
/// </summary>
internal sealed class ReplayRunner(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ReplayRunner> logger) : BackgroundService
{
    private const int Batch = 100;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                List<string> open;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    open = await scope.ServiceProvider.GetRequiredService<EventsDbContext>().Replays.AsNoTracking()
                        .Where(r => r.State == EventReplays.Starting || r.State == EventReplays.Running || r.State == EventReplays.Cancelling)
                        .OrderBy(r => r.ReplayStartTime).Select(r => r.Name).ToListAsync(stoppingToken);
                }
                foreach (var name in open) await RunAsync(name, stoppingToken);
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await _wake.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Replays: a run failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var delay = configuration.GetValue("Events:ReplayDelay", TimeSpan.Zero);
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<EventsDbContext>();
            var unitOfWork = services.GetRequiredService<UnitOfWork>();
            var replay = await db.Replays.AsNoTracking().FirstAsync(r => r.Name == name, cancellationToken);
            var now = ModelConventions.UtcTextConverter.Format(services.GetRequiredService<TimeProvider>().GetUtcNow());
            var archives = services.GetRequiredService<EventArchives>();
            var archive = await archives.FindRowAsync(replay.Archive, cancellationToken);
            if (replay.State == EventReplays.Cancelling || archive is null)
            {
                await SetStateAsync(db, unitOfWork, name, archive is null ? EventReplays.Failed : EventReplays.Cancelled,
                    archive is null ? $"Archive {replay.Archive} was deleted." : null, now, cancellationToken);
                return;
            }
            if (replay.State == EventReplays.Starting)
                await SetStateAsync(db, unitOfWork, name, EventReplays.Running, null, null, cancellationToken, onlyFrom: EventReplays.Starting);

            var (events, last) = await archives.EventsAsync(archive, replay.LastSequence, replay.UpToSequence,
                ModelConventions.UtcTextConverter.Parse(replay.EventStartTime), ModelConventions.UtcTextConverter.Parse(replay.EventEndTime), Batch, cancellationToken);
            var publisher = services.GetRequiredService<EventPublisher>();
            foreach (var archived in events)
            {
                var stop = await unitOfWork.ExecuteAsync(async ct =>
                {
                    // Cancelled meanwhile: stop before this event (its state is read in the transaction that would copy it).
                    if (await db.Replays.AnyAsync(r => r.Name == name && r.State == EventReplays.Cancelling, ct)) return true;
                    var e = archived.Envelope;
                    var copy = e with { Id = Guid.NewGuid().ToString(), ReplayName = name };
                    await publisher.StoreAsync(copy, null, replay.Destination, ct);
                    var time = ModelConventions.UtcTextConverter.Format(e.Time);
                    await db.Replays.Where(r => r.Name == name).ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.LastSequence, archived.Sequence).SetProperty(r => r.EventLastReplayedTime, time), ct);
                    return false;
                }, cancellationToken);
                if (stop) break;
                if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
            }
            if (await db.Replays.AsNoTracking().AnyAsync(r => r.Name == name && r.State == EventReplays.Cancelling, cancellationToken)) continue;

            // Events that did not match were looked at too: the next batch starts after them.
            await unitOfWork.ExecuteAsync(ct => db.Replays.Where(r => r.Name == name && r.LastSequence < last)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSequence, last), ct), cancellationToken);
            if (last >= replay.UpToSequence)
            {
                await SetStateAsync(db, unitOfWork, name, EventReplays.Completed, null, now, cancellationToken, onlyFrom: EventReplays.Running);
                logger.LogInformation("Replay {Replay} completed", name);
                return;
            }
        }
    }

    private static Task<int> SetStateAsync(EventsDbContext db, UnitOfWork unitOfWork, string name, string state, string? reason, string? endedAt,
        CancellationToken cancellationToken, string? onlyFrom = null) =>
        // onlyFrom: a CancelReplay that came in between is not overwritten.
        unitOfWork.ExecuteAsync(ct => db.Replays.Where(r => r.Name == name && (onlyFrom == null || r.State == onlyFrom)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, state).SetProperty(r => r.StateReason, reason).SetProperty(r => r.ReplayEndTime, endedAt), ct), cancellationToken);
}
