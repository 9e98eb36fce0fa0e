using Microsoft.Extensions.Logging;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// Runs work in one transaction. Nested calls join the outer transaction, so a workflow step and the module
/// handlers it calls through the mediator commit together or not at all. The outermost call queues on the
/// <see cref="GroupCommitWriter"/>: the work runs (on this caller's flow) inside its own savepoint of the writer's
/// batch transaction, and ExecuteAsync returns once that batch has really committed. A failing work is rolled
/// back alone and its exception comes back to the caller, as with a transaction of its own.
/// </summary>
public sealed class UnitOfWork(ShopConnection connection, GroupCommitWriter writer, ILogger<UnitOfWork> logger)
{
    private readonly List<Func<ValueTask>> _afterCommit = [];

    public bool IsActive => connection.Transaction is not null;

    /// <summary>Work to run once the transaction has committed (e.g. dispatching stored events); never if it did not.</summary>
    public void AfterCommit(Func<ValueTask> action)
    {
        if (!IsActive) throw new InvalidOperationException("AfterCommit needs an open unit of work.");
        _afterCommit.Add(action);
    }

    public async Task ExecuteAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(async ct => { await work(ct); return true; }, cancellationToken);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (IsActive) return await work(cancellationToken);

        var turn = writer.Enqueue(cancellationToken);
        var transaction = await turn.Granted;
        T result;
        var succeeded = false;
        try
        {
            connection.Join(transaction);
            result = await work(cancellationToken);
            succeeded = true;
        }
        catch
        {
            _afterCommit.Clear();
            throw;
        }
        finally
        {
            try
            {
                connection.Leave();
            }
            finally
            {
                // Always hand the transaction back, or the writer would wait forever.
                turn.Finish(succeeded);
                if (!succeeded) await WaitForRollbackAsync(turn);
            }
        }

        try
        {
            await turn.Outcome;
        }
        catch
        {
            // The batch did not commit: nothing of this work is stored, so nothing may follow from it.
            _afterCommit.Clear();
            throw;
        }

        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            try
            {
                await action();
            }
            catch (Exception error)
            {
                // The work is committed: one failing follow-up must not skip the others (each has its own recovery at start).
                logger.LogError(error, "An after-commit action failed");
            }
        }
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside a savepoint nested in the open unit of work. When it returns false, its
    /// writes are rolled back to the savepoint, its after-commit actions dropped and the module contexts' tracked
    /// entities forgotten, and the unit of work goes on without it; true keeps everything. An exception rolls back
    /// the savepoint too and propagates (the unit of work then fails as a whole).
    /// </summary>
    public async Task<bool> SavepointAsync(Func<CancellationToken, Task<bool>> work, CancellationToken cancellationToken)
    {
        if (!IsActive) throw new InvalidOperationException("A savepoint needs an open unit of work.");
        var actions = _afterCommit.Count;
        Run("SAVEPOINT nested_work;");
        var kept = false;
        try
        {
            kept = await work(cancellationToken);
        }
        finally
        {
            if (!kept)
            {
                Run("ROLLBACK TO nested_work;");
                _afterCommit.RemoveRange(actions, _afterCommit.Count - actions);
                connection.ForgetTracked();
            }
            Run("RELEASE nested_work;");
        }
        return kept;
    }

    private void Run(string sql)
    {
        using var command = connection.Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Returns once the writer has rolled the failed work back, so the caller's exception follows its undoing.</summary>
    private static async Task WaitForRollbackAsync(Turn turn)
    {
        try
        {
            await turn.Outcome;
        }
        catch (Exception)
        {
            // The whole batch failed: this work is undone all the same; the caller gets its own exception.
        }
    }
}
