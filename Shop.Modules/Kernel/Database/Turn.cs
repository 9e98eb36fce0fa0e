using Microsoft.Data.Sqlite;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// One unit of work's place in the <see cref="GroupCommitWriter"/>'s queue: the writer grants it the batch
/// transaction, the caller runs its work and says whether it succeeded, the writer answers with the outcome
/// (committed with its batch, or rolled back to its savepoint).
/// </summary>
internal sealed class Turn
{
    private readonly TaskCompletionSource<SqliteTransaction> _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;

    public Turn(CancellationToken cancellationToken)
    {
        // Cancelled while still queued: the writer skips it. Once granted, cancellation is the work's business.
        if (cancellationToken.CanBeCanceled) _cancellation = cancellationToken.Register(() => _granted.TrySetCanceled(cancellationToken));
    }

    /// <summary>Completes with the writer's transaction when it is this unit of work's turn.</summary>
    public Task<SqliteTransaction> Granted => _granted.Task;

    /// <summary>Completes once the batch committed (throws if it did not), or once a failed work was rolled back.</summary>
    public Task Outcome => _outcome.Task;

    internal Task<bool> Finished => _finished.Task;

    /// <summary>The caller's work ended; the writer takes its transaction back.</summary>
    public void Finish(bool succeeded) => _finished.TrySetResult(succeeded);

    internal bool TryGrant(SqliteTransaction transaction)
    {
        _cancellation.Dispose();
        return _granted.TrySetResult(transaction);
    }

    internal void Committed(Exception? error)
    {
        if (error is null) _outcome.TrySetResult();
        else _outcome.TrySetException(error);
    }

    internal void RolledBack() => _outcome.TrySetResult();

    /// <summary>The writer itself failed before or after this turn's work: nothing of it is stored.</summary>
    internal void Abort(Exception error)
    {
        _cancellation.Dispose();
        _granted.TrySetException(error);
        _outcome.TrySetException(error);
    }
}
