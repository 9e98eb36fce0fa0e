using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// The one SQLite connection of a DI scope. Every module's DbContext in the scope runs on it, so a
/// unit of work can put the effects of several modules into one transaction (Invariant 1).
/// </summary>
public sealed class ShopConnection(DatabaseSettings settings) : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private SqliteConnection? _connection;

    public SqliteTransaction? Transaction { get; private set; }

    public SqliteConnection Connection => _connection ??= Open(settings.ConnectionString, settings.Synchronous);

    internal static SqliteConnection Open(string connectionString, SynchronousMode synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // busy_timeout lets a writer wait for another instead of failing at once; foreign keys are off by default in SQLite.
        pragma.CommandText = $"PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()};";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Called by each module context created in this scope, so that it joins an open transaction.</summary>
    internal void Attach(DbContext context)
    {
        _contexts.Add(context);
        if (Transaction is not null) context.Database.UseTransaction(Transaction);
    }

    internal SqliteTransaction Begin()
    {
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): take the write lock up front, so a transaction
        // never fails half-way when upgrading from reader to writer.
        Transaction = Connection.BeginTransaction(deferred: false);
        foreach (var context in _contexts) context.Database.UseTransaction(Transaction);
        return Transaction;
    }

    internal void End()
    {
        foreach (var context in _contexts)
        {
            context.ChangeTracker.Clear();
            context.Database.UseTransaction((DbTransaction?)null);
        }
        Transaction?.Dispose();
        Transaction = null;
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        _connection?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await Transaction.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
