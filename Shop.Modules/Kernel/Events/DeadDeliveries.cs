using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Events;

/// <summary>A delivery set aside after its last attempt failed: which event, to whom, and why.</summary>
/// <param name="List">The named dead-letter list it is on (a rule target's DeadLetterConfig: the SQS ARN's queue name); null: the shop's own.</param>
public sealed record DeadDeliveryView(long Id, string EventId, string Source, string DetailType, string Subscriber, int Attempts, string? Error, string? FailedAt,
    string? List = null);

/// <summary>The dead deliveries, for the console, <c>/events/dead</c> and the health check.</summary>
public interface IDeadDeliveries
{
    Task<IReadOnlyList<DeadDeliveryView>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The dead deliveries of one named dead-letter list (a rule target's DeadLetterConfig).</summary>
    Task<IReadOnlyList<DeadDeliveryView>> ListAsync(string list, CancellationToken cancellationToken = default);

    /// <summary>Retries every dead delivery of a named list (redrive); how many.</summary>
    Task<int> RedriveAsync(string list, CancellationToken cancellationToken = default);

    /// <summary>How many are dead, and how many wait for a retry (the backlog besides undispatched events).</summary>
    Task<(int Dead, int Retrying, int Undispatched)> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the delivery its attempts again, now; false when no dead delivery has that id.</summary>
    Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Drops the delivery: that subscriber never gets that event; false when no dead delivery has that id.</summary>
    Task<bool> DismissAsync(long id, CancellationToken cancellationToken = default);
}

internal sealed class DeadDeliveries(EventsDbContext db, UnitOfWork unitOfWork, EventDispatcher dispatcher) : IDeadDeliveries
{
    public Task<IReadOnlyList<DeadDeliveryView>> ListAsync(CancellationToken cancellationToken = default) => ListInAsync(null, cancellationToken);

    public Task<IReadOnlyList<DeadDeliveryView>> ListAsync(string list, CancellationToken cancellationToken = default) => ListInAsync(list, cancellationToken);

    private async Task<IReadOnlyList<DeadDeliveryView>> ListInAsync(string? list, CancellationToken cancellationToken) =>
        await (from d in db.Deliveries.AsNoTracking()
               join e in db.Events.AsNoTracking() on d.EventId equals e.EventId
               where d.Dead && (list == null || d.DeadLetter == list)
               orderby d.Sequence
               select new DeadDeliveryView(d.Id, d.EventId, e.Source, e.DetailType, d.Subscriber, d.Attempts, d.LastError, d.FailedAt, d.DeadLetter))
            .Take(500).ToListAsync(cancellationToken);

    public async Task<int> RedriveAsync(string list, CancellationToken cancellationToken = default)
    {
        var now = ModelConventions.UtcTextConverter.Format(TimeProvider.System.GetUtcNow());
        var changed = await unitOfWork.ExecuteAsync(ct => db.Deliveries.Where(d => d.Dead && d.DeadLetter == list)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Dead, false).SetProperty(d => d.Attempts, 0).SetProperty(d => d.FirstFailedAt, (string?)null)
                .SetProperty(d => d.DueAt, now), ct), cancellationToken);
        if (changed > 0) await dispatcher.EnqueueAsync("");
        return changed;
    }

    public async Task<(int Dead, int Retrying, int Undispatched)> CountAsync(CancellationToken cancellationToken = default)
    {
        var dead = await db.Deliveries.CountAsync(d => d.Dead, cancellationToken);
        var retrying = await db.Deliveries.CountAsync(d => !d.Dead, cancellationToken);
        var undispatched = await db.Events.CountAsync(e => e.DispatchedAt == null, cancellationToken);
        return (dead, retrying, undispatched);
    }

    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = ModelConventions.UtcTextConverter.Format(TimeProvider.System.GetUtcNow());
        var changed = await unitOfWork.ExecuteAsync(ct => db.Deliveries.Where(d => d.Id == id && d.Dead)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Dead, false).SetProperty(d => d.Attempts, 0).SetProperty(d => d.FirstFailedAt, (string?)null)
                .SetProperty(d => d.DueAt, now), ct), cancellationToken);
        if (changed > 0) await dispatcher.EnqueueAsync("");
        return changed > 0;
    }

    public async Task<bool> DismissAsync(long id, CancellationToken cancellationToken = default)
    {
        var changed = await unitOfWork.ExecuteAsync(ct => db.Deliveries.Where(d => d.Id == id && d.Dead).ExecuteDeleteAsync(ct), cancellationToken);
        // Deliveries of the same entity waiting behind it may go now.
        if (changed > 0) await dispatcher.EnqueueAsync("");
        return changed > 0;
    }
}

public static class DeadDeliveryEndpoints
{
    public static IEndpointRouteBuilder MapDeadDeliveryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/events/dead").WithTags("Event store").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/", async (IDeadDeliveries dead, string? list, CancellationToken ct) =>
                TypedResults.Ok(string.IsNullOrEmpty(list) ? await dead.ListAsync(ct) : await dead.ListAsync(ListName(list), ct)))
            .WithSummary("Deliveries set aside after their last attempt failed, each with its error and dead-letter list; ?list= one named list");
        group.MapPost("/redrive", async (IDeadDeliveries dead, string list, CancellationToken ct) =>
                TypedResults.Ok(new { list, redriven = await dead.RedriveAsync(ListName(list), ct) }))
            .WithSummary("Delivers every dead delivery of a named dead-letter list (?list=) again, with all its attempts");
        group.MapPost("/{id:long}/retry", RetryAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delivers a dead delivery again, with all its attempts");
        group.MapPost("/{id:long}/dismiss", DismissAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Drops a dead delivery: its subscriber never gets that event");
        return endpoints;
    }

    private static string ListName(string list) => Rules.DeadLetterList.IsName(list)
        ? list
        : throw new InvalidInputException("list", "'list' must be a dead-letter list's name: 1 to 80 characters, no ':' (the queue name of its SQS ARN).");

    private static async Task<NoContent> RetryAsync(long id, IDeadDeliveries dead, CancellationToken ct) =>
        await dead.RetryAsync(id, ct) ? TypedResults.NoContent() : throw new NotFoundException("Dead delivery", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<NoContent> DismissAsync(long id, IDeadDeliveries dead, CancellationToken ct) =>
        await dead.DismissAsync(id, ct) ? TypedResults.NoContent() : throw new NotFoundException("Dead delivery", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
