using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Runs an event handler's effect and records "handler H handled event E" in the same transaction
/// (Invariant 2): after a crash the event is delivered again and the handler is skipped.
/// </summary>
public sealed class HandleOnce
{
    private readonly EventsDbContext _db;
    private readonly UnitOfWork _unitOfWork;

    internal HandleOnce(EventsDbContext db, UnitOfWork unitOfWork)
    {
        _db = db;
        _unitOfWork = unitOfWork;
    }

    /// <returns>False when this handler had already handled the event.</returns>
    public Task<bool> RunAsync(EventEnvelope @event, string handler, Func<CancellationToken, Task> effect, CancellationToken cancellationToken = default) =>
        _unitOfWork.ExecuteAsync(async ct =>
        {
            if (await _db.Handled.AnyAsync(h => h.EventId == @event.Id && h.Handler == handler, ct)) return false;
            await effect(ct);
            _db.Handled.Add(new HandledEvent { EventId = @event.Id, Handler = handler });
            await _db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
}
