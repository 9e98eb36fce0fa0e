using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// The one writer of the SQLite file (group commit). Units of work from any scope queue here; the writer opens one
/// transaction on its own connection, gives each ready unit of work its turn inside its own SAVEPOINT, and commits
/// the batch once: one WAL append (one fsync with synchronous=FULL) for many units of work. A unit of work that
/// fails is rolled back to its savepoint alone; its caller gets its exception as before and the others commit.
/// The work itself runs on the caller's own async flow (its ExecutionContext), not on the writer's: the writer
/// only hands out turns, one at a time, in queue order.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>A batch closes when the queue is empty or at this many units of work (bounds the first one's wait).</summary>
    internal const int MaxBatchItems = 32;

    // Run as kept prepared statements: SqliteTransaction.Save and Release prepare theirs at every call, two per unit of work.
    private const string Savepoint = "SAVEPOINT unit_of_work;";
    private const string Release = "RELEASE unit_of_work;";
    private const string RollbackToSavepoint = "ROLLBACK TO unit_of_work;";

    private readonly Channel<Turn> _queue = Channel.CreateUnbounded<Turn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DatabaseSettings _settings;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Lazy<Task> _loop;
    private SqliteConnection? _connection;
    private int _queued;
    private long _unitsOfWork;
    private long _rolledBack;
    private long _commits;

    public GroupCommitWriter(DatabaseSettings settings, ILogger<GroupCommitWriter> logger)
    {
        _settings = settings;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Units of work committed, rolled back alone, and real SQLite commits (batches) since start.</summary>
    public WriterCounts Counts => new(Interlocked.Read(ref _unitsOfWork), Interlocked.Read(ref _rolledBack), Interlocked.Read(ref _commits), _settings.Synchronous);

    /// <summary>Units of work waiting for their turn.</summary>
    internal int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues a unit of work; its <see cref="Turn.Granted"/> completes when the writer gives it the transaction.</summary>
    internal Turn Enqueue(CancellationToken cancellationToken)
    {
        var turn = new Turn(cancellationToken);
        _ = _loop.Value;
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(turn)) throw new ObjectDisposedException(nameof(GroupCommitWriter), "The shop is stopping.");
        return turn;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (!reader.TryRead(out var first)) continue;
            Interlocked.Decrement(ref _queued);
            try
            {
                await RunBatchAsync(first).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                // Never let the one writer die: every later unit of work would wait forever.
                _logger.LogError(error, "The writer failed outside a batch");
            }
        }
    }

    private async Task RunBatchAsync(Turn first)
    {
        var done = new List<Turn>();
        Turn? current = first;
        SqliteTransaction? transaction = null;
        try
        {
            transaction = Connection().BeginTransaction(deferred: false);
            var taken = 1;
            while (current is not null)
            {
                Run(transaction, Savepoint);
                if (current.TryGrant(transaction))
                {
                    if (await current.Finished.ConfigureAwait(false))
                    {
                        Run(transaction, Release);
                        done.Add(current);
                    }
                    else
                    {
                        Run(transaction, RollbackToSavepoint);
                        Run(transaction, Release);
                        Interlocked.Increment(ref _rolledBack);
                        current.RolledBack();
                    }
                }
                else
                {
                    // Cancelled while queued: it never ran.
                    Run(transaction, Release);
                }
                current = taken++ < MaxBatchItems && _queue.Reader.TryRead(out var next) ? next : null;
                if (current is not null) Interlocked.Decrement(ref _queued);
            }
            transaction.Commit();
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _unitsOfWork, done.Count);
            foreach (var turn in done) turn.Committed(null);
        }
        catch (Exception error)
        {
            // The writer's own statement failed (BEGIN, a savepoint, COMMIT): nothing of this batch is stored.
            _logger.LogWarning(error, "A batch of {Count} units of work did not commit", done.Count + (current is null ? 0 : 1));
            try
            {
                transaction?.Rollback();
            }
            catch (SqliteException)
            {
                // SQLite may have rolled the transaction back itself (I/O error, disk full).
            }
            foreach (var turn in done) turn.Committed(error);
            current?.Abort(error);
            // Start the next batch on a fresh connection, whatever state this one was left in.
            var broken = _connection;
            _connection = null;
            try
            {
                transaction?.Dispose();
                broken?.Dispose();
            }
            catch (SqliteException)
            {
            }
            transaction = null;
        }
        finally
        {
            transaction?.Dispose();
        }
    }

    private static void Run(SqliteTransaction transaction, string sql)
    {
        using var command = PreparedStatements.Command(transaction.Connection!, transaction, sql);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null) return _connection;
        var connection = ShopConnection.Open(_settings.ConnectionString, _settings.Synchronous);
        using (var pragma = connection.CreateCommand())
        {
            // Only this connection writes. A page cache of 8 MiB (SQLite's default is 2 MiB) holds the pages every batch
            // touches, so they are not read again from the file at each step. (Checkpoints stay at SQLite's 1,000 WAL
            // pages: every 10,000 saved no CPU, and the longer stall of each one doubled POST /order's p99.)
            pragma.CommandText = "PRAGMA cache_size = -8192;";
            pragma.ExecuteNonQuery();
        }
        // EF Core's SQLite provider registers its SQL functions (regexp, ef_*) on connections it is given: give it
        // this one once, since the scopes' contexts run their statements on it.
        using (var context = new DbContext(new DbContextOptionsBuilder().UseSqlite(connection).Options))
        {
            _ = context.Database.GetDbConnection();
        }
        return _connection = connection;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // A unit of work that never ends must not hold the host's shutdown forever.
        if (_loop.IsValueCreated) await Task.WhenAny(_loop.Value, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
    }
}

public sealed record WriterCounts(long UnitsOfWork, long RolledBack, long Commits, SynchronousMode Synchronous);
