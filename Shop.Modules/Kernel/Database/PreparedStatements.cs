using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// The writer connection's prepared statements, kept between units of work: every step runs the same few statements,
/// and SQLite's prepare (parsing and planning the SQL) was about 7 % of the server's CPU under the bench when each
/// command was made and disposed where it ran (docs/performance.md). A disposed command comes back here, its
/// statement still prepared, and the next unit of work with the same SQL takes it. The writer runs one unit of work at
/// a time on its connection; a statement already in use (a nested read) gets a fresh command of its own.
/// </summary>
internal sealed class PreparedStatements
{
    // The writer keeps its connection for many batches; its statements go with it (a failed batch's connection is disposed).
    private static readonly ConditionalWeakTable<SqliteConnection, PreparedStatements> OfConnection = new();
    private const int MostKept = 512;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, ReusableCommand> _idle = new(StringComparer.Ordinal);

    private PreparedStatements(SqliteConnection connection) => _connection = connection;

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var statements = OfConnection.GetValue(connection, c => new PreparedStatements(c));
        ReusableCommand? command;
        lock (statements._idle)
        {
            statements._idle.Remove(sql, out command);
        }
        command ??= new ReusableCommand(statements) { Connection = connection, CommandText = sql };
        command.Transaction = transaction;
        return command;
    }

    /// <returns>False when the command should really be disposed (the connection closed, or its place is taken).</returns>
    private bool TakeBack(ReusableCommand command)
    {
        if (_connection.State != System.Data.ConnectionState.Open) return false;
        command.Parameters.Clear();
        command.Transaction = null;
        lock (_idle)
        {
            if (_idle.Count >= MostKept || _idle.ContainsKey(command.CommandText)) return false;
            _idle[command.CommandText] = command;
            return true;
        }
    }

    private sealed class ReusableCommand(PreparedStatements owner) : SqliteCommand
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing && owner.TakeBack(this)) return;
            base.Dispose(disposing);
        }
    }
}
