namespace Shop.Modules.Kernel.Database;

/// <summary>
/// Runs work in one transaction on the scope's connection. Nested calls join the outer transaction, so a
/// workflow step and the module handlers it calls through the mediator commit together or not at all.
/// </summary>
public sealed class UnitOfWork(ShopConnection connection, WriteGate gate)
{
    private readonly List<Func<ValueTask>> _afterCommit = [];

    public bool IsActive => connection.Transaction is not null;

    /// <summary>Work to run once the transaction has committed (e.g. dispatching stored events).</summary>
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

        // SQLite has one writer at a time; queueing writers in process is cheaper than letting them spin on SQLITE_BUSY.
        await gate.WaitAsync(cancellationToken);
        T result;
        try
        {
            var transaction = connection.Begin();
            try
            {
                result = await work(cancellationToken);
                await transaction.CommitAsync(CancellationToken.None);
                gate.Committed();
            }
            catch
            {
                await transaction.RollbackAsync(CancellationToken.None);
                _afterCommit.Clear();
                throw;
            }
            finally
            {
                connection.End();
            }
        }
        finally
        {
            gate.Release();
        }

        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        // Each action runs even when one before it fails (a wake-up lost would leave work waiting until a restart);
        // the first failure is rethrown once all have run.
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        foreach (var action in actions)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                failure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            }
        }
        failure?.Throw();
        return result;
    }
}

/// <summary>The process-wide queue of writers (SQLite serialises them anyway).</summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly DatabaseSettings _settings;
    private long _commits;

    public WriteGate(DatabaseSettings settings) => _settings = settings;

    /// <summary>Units of work committed and real SQLite commits since start (one each: no group commit yet).</summary>
    public WriterCounts Counts => new(Interlocked.Read(ref _commits), 0, Interlocked.Read(ref _commits), _settings.Synchronous);

    internal void Committed() => Interlocked.Increment(ref _commits);

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);

    public void Release() => _semaphore.Release();

    public void Dispose() => _semaphore.Dispose();
}

public sealed record WriterCounts(long UnitsOfWork, long RolledBack, long Commits, SynchronousMode Synchronous);
