using Microsoft.Data.Sqlite;

namespace Shop.Bench;

/// <summary>
/// Fills the stopped shop's database with N finished executions and their history, cloned from the executions
/// the warm-up finished (new ids and names), so the measured run works on top of a long history.
/// </summary>
internal static class Preload
{
    public static int Run(string databasePath, int count)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        var finished = Scalar(connection, "SELECT COUNT(*) FROM wf_executions WHERE Status <> 'RUNNING'");
        if (finished == 0) throw new InvalidOperationException("--preload needs finished executions to copy: use --warmup 1 or more.");
        var copies = (count + finished - 1) / finished;

        using var transaction = connection.BeginTransaction();
        var numbers = $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies})";
        // History first, while only the originals are stored: joined after the copies, every copy number scanned them all.
        Execute(connection, $"""
            {numbers}
            INSERT INTO wf_history ({Columns(connection, "wf_history", null, skip: "Id")})
            SELECT {Columns(connection, "wf_history", c => c == "ExecutionId" ? "h.ExecutionId || '-p' || n.i" : null, skip: "Id", alias: "h")}
            FROM wf_history h JOIN wf_executions e ON e.Id = h.ExecutionId AND e.Status <> 'RUNNING', n
            """);
        Execute(connection, $"""
            {numbers}
            INSERT INTO wf_executions ({Columns(connection, "wf_executions", null)})
            SELECT {Columns(connection, "wf_executions", c => c switch { "Id" => "Id || '-p' || n.i", "Name" => "Name || '-p' || n.i", _ => null })}
            FROM wf_executions, n WHERE Status <> 'RUNNING'
            """);
        transaction.Commit();
        return (int)Scalar(connection, "SELECT COUNT(*) FROM wf_executions");
    }

    private static string Columns(SqliteConnection connection, string table, Func<string, string?>? replace, string? skip = null, string? alias = null)
    {
        var names = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            using var reader = command.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        return string.Join(", ", names.Where(n => n != skip).Select(n => replace?.Invoke(n) ?? (alias is null ? n : $"{alias}.{n}")));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
