using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Shop.Bench;

/// <summary>
/// The machine's ceiling for the shop's write pattern: one small INSERT per transaction on a SQLite file
/// with the shop's pragmas (WAL, the run's synchronous setting, busy timeout), one writer.
/// </summary>
internal static class SqliteCommitRate
{
    public static double Measure(TimeSpan duration, string synchronous)
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-bench-sqlite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var commits = 0;
            var watch = Stopwatch.StartNew();
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "commits.db"), Pooling = false }.ToString()))
            {
                connection.Open();
                Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous.ToUpperInvariant()}; PRAGMA busy_timeout = 30000;");
                Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)");
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO t (at, body) VALUES ($at, $body)";
                var at = insert.Parameters.Add("$at", SqliteType.Text);
                insert.Parameters.AddWithValue("$body", "{\"customerId\":\"customer-1\",\"orderId\":\"2026-01-01T00:00:00.000Z-0000000000\"}");
                watch.Restart();
                while (watch.Elapsed < duration)
                {
                    // BEGIN IMMEDIATE, as the shop's unit of work.
                    using var transaction = connection.BeginTransaction(deferred: false);
                    insert.Transaction = transaction;
                    at.Value = DateTimeOffset.UtcNow.ToString("O");
                    insert.ExecuteNonQuery();
                    transaction.Commit();
                    commits++;
                }
            }
            return commits / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
