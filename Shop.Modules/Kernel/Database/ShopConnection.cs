using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// The connection of a DI scope. Every module's DbContext in the scope runs on it, so a unit of work can put
/// the effects of several modules into one transaction (Invariant 1). Outside a unit of work it is the scope's
/// own connection (reads). While the scope's unit of work has its turn on the <see cref="GroupCommitWriter"/>,
/// every context of the scope (and <see cref="Connection"/>, <see cref="Transaction"/>) is switched onto the
/// writer's connection and its open batch transaction, and switched back when the work ends.
/// </summary>
/// <remarks>Read <see cref="Connection"/> and <see cref="Transaction"/> where a command runs; never keep them across units of work.</remarks>
public sealed class ShopConnection(DatabaseSettings settings) : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private SqliteConnection? _own;
    private SqliteConnection? _joined;

    /// <summary>The open transaction of the scope's unit of work (the writer's batch transaction), or null.</summary>
    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>
    /// Counts the units of work this scope has run (bumped when one gets its turn), so code that keeps pending writes
    /// of its own (the engine's ExecutionStore) can tell a new unit of work from the one its pending writes belong to.
    /// </summary>
    public long UnitOfWorkNumber { get; private set; }

    /// <summary>The writer's connection while the scope's unit of work runs, else the scope's own (opened on first use).</summary>
    public SqliteConnection Connection => _joined ?? Own;

    private SqliteConnection Own => _own ??= Open(settings.ConnectionString, settings.Synchronous);

    /// <summary>
    /// A command for <paramref name="sql"/> on <see cref="Connection"/> and <see cref="Transaction"/> as they are now;
    /// dispose it where it ran. Inside a unit of work its statement stays prepared on the writer's connection for the
    /// next one (<see cref="PreparedStatements"/>).
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (_joined is not null) return PreparedStatements.Command(_joined, Transaction, sql);
        var command = Own.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <inheritdoc cref="Command(string)"/>
    /// <remarks>A cancelled caller gets its OperationCanceledException before the statement runs, as from EF's async calls.</remarks>
    public SqliteCommand Command(string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Command(sql);
    }

    // The pooled SQLite handles already given the settings below: a handle keeps them while the pool keeps it, so
    // they run once per handle, not each time a scope rents one (three PRAGMAs were 1-4 % of the server's CPU).
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    internal static SqliteConnection Open(string connectionString, SynchronousMode synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (Configured.TryGetValue(connection.Handle!, out _)) return connection;
        using var pragma = connection.CreateCommand();
        // busy_timeout lets a writer wait for another instead of failing at once; foreign keys are off by default in
        // SQLite. temp_store = MEMORY keeps the statement journal of each unit of work's SAVEPOINT in memory: past
        // 64 KiB SQLite spilled it to a temp file it created, wrote and deleted in every batch (8 % of the CPU).
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
            + $"PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()};";
        pragma.ExecuteNonQuery();
        Configured.AddOrUpdate(connection.Handle!, connectionString);
        return connection;
    }

    /// <summary>Called by each module context created in this scope: it runs on the open unit of work, else on the own connection.</summary>
    internal void Attach(DbContext context)
    {
        _contexts.Add(context);
        // Every unit of work already runs inside its own SAVEPOINT of the writer's batch, and a failed SaveChanges
        // fails the whole unit of work (nothing catches one and carries on). EF's own savepoint around each
        // SaveChanges was redundant work, and on shutdown a cancelled rollback to it was logged as an error.
        // Set on each attach: a pooled context gets EF's defaults back when it returns to its pool.
        context.Database.AutoSavepointsEnabled = false;
        if (_joined is not null) JoinContext(context);
        else context.Database.SetDbConnection(Own);
    }

    /// <summary>The context of type <typeparamref name="T"/> created in this scope, if one was (never creates one).</summary>
    internal T? Attached<T>() where T : DbContext
    {
        foreach (var context in _contexts)
        {
            if (context is T found) return found;
        }
        return null;
    }

    /// <summary>The scope's unit of work got its turn: run every context on the writer's connection and transaction.</summary>
    internal void Join(SqliteTransaction transaction)
    {
        _joined = transaction.Connection ?? throw new InvalidOperationException("The writer's transaction has no connection.");
        Transaction = transaction;
        UnitOfWorkNumber++;
        foreach (var context in _contexts) JoinContext(context);
    }

    /// <summary>The work ended (committed later by the writer, or rolled back to its savepoint): back to the own connection.</summary>
    internal void Leave()
    {
        if (_joined is null) return;
        _joined = null;
        Transaction = null;
        var own = _contexts.Count > 0 ? Own : null;
        foreach (var context in _contexts)
        {
            // A tracked entity must not outlive its unit of work: the next one reads fresh state.
            context.ChangeTracker.Clear();
            context.Database.UseTransaction((DbTransaction?)null);
            context.Database.SetDbConnection(own);
        }
    }

    /// <summary>A nested savepoint was rolled back: what the contexts track of it never reached the database.</summary>
    internal void ForgetTracked()
    {
        foreach (var context in _contexts) context.ChangeTracker.Clear();
    }

    private void JoinContext(DbContext context)
    {
        context.Database.SetDbConnection(_joined);
        context.Database.UseTransaction(Transaction);
    }

    // The transaction belongs to the writer: a scope disposes only its own connection.
    public void Dispose() => _own?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_own is not null) await _own.DisposeAsync();
    }
}
