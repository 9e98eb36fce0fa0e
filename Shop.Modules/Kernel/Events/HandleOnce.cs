using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// Runs an event handler's effect and records "handler H handled event E" in the same transaction
/// (Invariant 2): after a crash the event is delivered again and the handler is skipped.
/// </summary>
public sealed class HandleOnce
{
    private readonly ShopConnection _connection;
    private readonly UnitOfWork _unitOfWork;

    internal HandleOnce(ShopConnection connection, UnitOfWork unitOfWork)
    {
        _connection = connection;
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
            if (!Mark(@event.Id, handler)) return false;
            await effect(ct);
            return true;
        }, cancellationToken);

    private bool Mark(string eventId, string handler)
    {
        using var command = _connection.Command("INSERT INTO evt_handled (EventId, Handler) VALUES ($e, $h) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("$e", eventId);
        command.Parameters.AddWithValue("$h", handler);
        return command.ExecuteNonQuery() == 1;
    }
}
