using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events.Data;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Runs an event handler's effect and records "handler H handled event E" in the same transaction
/// (Invariant 2): after a crash the event is delivered again and the handler is skipped.
/// </summary>
public sealed class HandleOnce
{
    private readonly EventSql _sql;
    private readonly UnitOfWork _unitOfWork;

    internal HandleOnce(EventSql sql, UnitOfWork unitOfWork)
    {
        _sql = sql;
        _unitOfWork = unitOfWork;
    }

    /// <returns>False when this handler had already handled the event.</returns>
    /// <remarks>
    /// The mark is written first, as one plain statement (it runs for every delivery): an existing mark makes it
    /// change nothing, and a failing effect rolls it back with the rest of the unit of work.
    /// </remarks>
    public Task<bool> RunAsync(EventEnvelope @event, string handler, Func<CancellationToken, Task> effect, CancellationToken cancellationToken = default) =>
        _unitOfWork.ExecuteAsync(async ct =>
        {
            if (!_sql.MarkHandled(@event.Id, handler)) return false;
            await effect(ct);
            return true;
        }, cancellationToken);
}
