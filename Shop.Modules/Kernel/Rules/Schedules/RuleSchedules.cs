using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Rules.Schedules;

/// <summary>
/// Scheduled rules (PutRule with a ScheduleExpression, default bus only). Each enabled one is a Hangfire recurring
/// job that wakes every minute (EventBridge's resolution) and fires the rule when a slot of its expression is due:
/// one Scheduled Event (<c>source: aws.events</c>, <c>detail-type: Scheduled Event</c>, <c>detail: {}</c>,
/// <c>resources: [rule ARN]</c>, <c>time</c>: the slot) that only that rule's targets receive. The slot fired is
/// stored with its event in one transaction, so a slot never fires twice, across restarts too; after a stop only
/// the latest missed slot (of the last day) fires, once. Hangfire's storage is in memory: the jobs are rebuilt
/// from the stored rules at start. Real time: <c>Workflows:TimeScale</c> does not apply.
/// </summary>
internal sealed class RuleSchedules(IServiceScopeFactory scopes, IServiceProvider services, ILogger<RuleSchedules> logger) : IHostedService
{
    public const string Source = "aws.events";
    public const string DetailType = "Scheduled Event";

    public static string JobId(string rule) => "schedule:" + rule;

    /// <summary>Rebuilds every enabled schedule's job, then fires what is owed (a slot missed while the shop was down, once).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<string> names;
        await using (var scope = scopes.CreateAsyncScope())
        {
            names = await scope.ServiceProvider.GetRequiredService<EventsDbContext>().Rules.AsNoTracking()
                .Where(r => r.Bus == EventBuses.Default && r.ScheduleExpression != null && r.Enabled)
                .Select(r => r.Name).ToListAsync(cancellationToken);
        }
        foreach (var name in names) Sync(name, true);
        _ = Task.Run(async () =>
        {
            foreach (var name in names)
            {
                try
                {
                    await FireDueAsync(name, CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Scheduled rule {Rule}: the firing owed at start failed", name);
                }
            }
        }, CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After a rule change commits: its job exists exactly when it is scheduled and enabled.</summary>
    public void Sync(string rule, bool scheduled)
    {
        if (services.GetService<IRecurringJobManager>() is not { } jobs) return;
        if (scheduled)
            jobs.AddOrUpdate<ScheduleJob>(JobId(rule), j => j.FireAsync(rule), Cron.Minutely(),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
        else jobs.RemoveIfExists(JobId(rule));
    }

    /// <summary>Fires the rule if a slot is due and not fired yet; false when nothing was owed.</summary>
    public async Task<bool> FireDueAsync(string rule, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<EventsDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        return await provider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            var row = await db.Rules.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Bus == EventBuses.Default && r.Name == rule && r.Enabled && r.ScheduleExpression != null, ct);
            if (row is null) return false;
            var since = ModelConventions.UtcTextConverter.Parse(row.ScheduleSince ?? row.CreatedAt);
            var after = row.ScheduleLastSlot is { } last ? ModelConventions.UtcTextConverter.Parse(last) : since;
            if (ScheduleExpression.Parse(row.ScheduleExpression).Latest(after, now, since) is not { } slot) return false;

            // Claims the slot: a concurrent firing (the job and the start's catch-up) finds it taken and stops.
            var stamp = ModelConventions.UtcTextConverter.Format(slot);
            var claimed = await db.Rules.Where(r => r.Bus == EventBuses.Default && r.Name == rule && r.ScheduleLastSlot == row.ScheduleLastSlot)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ScheduleLastSlot, stamp), ct);
            if (claimed == 0) return false;
            var arn = provider.GetRequiredService<AwsArns>().Rule(EventBuses.Default, rule);
            await provider.GetRequiredService<IEventPublisher>().PublishAsync(Source, DetailType, new JsonObject(), who: "R#" + rule,
                resources: [arn], time: slot, cancellationToken: ct);
            logger.LogInformation("Scheduled rule {Rule} fired for {Slot}", rule, stamp);
            return true;
        }, cancellationToken);
    }
}

/// <summary>The Hangfire job of a scheduled rule: wakes every minute, fires when a slot is due.</summary>
internal sealed class ScheduleJob(RuleSchedules schedules)
{
    [AutomaticRetry(Attempts = 0)]
    public Task FireAsync(string rule) => schedules.FireDueAsync(rule, CancellationToken.None);
}
