using Microsoft.Data.Sqlite;
using Shop.Modules.Workflows.Data;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Workflows;

/// <summary>The SQL of deadlines (timers) and task tokens.</summary>
internal sealed partial class ExecutionSql
{
    // ---------------------------------------------------------------- deadlines

    private const string DeadlineColumns = "Id, ExecutionId, Kind, State, TokenHash, DueAt";

    /// <summary>Inserts the deadline and sets its id (the timer is scheduled by it after the commit).</summary>
    public void InsertDeadline(DeadlineRow row)
    {
        using var command = Command("INSERT INTO wf_deadlines (ExecutionId, Kind, State, TokenHash, DueAt) VALUES ($e, $k, $s, $t, $d) RETURNING Id");
        command.Parameters.AddWithValue("$e", row.ExecutionId);
        command.Parameters.AddWithValue("$k", row.Kind);
        command.Parameters.AddWithValue("$s", row.State);
        command.Parameters.AddWithValue("$t", Value(row.TokenHash));
        command.Parameters.AddWithValue("$d", row.DueAt);
        row.Id = (long)command.ExecuteScalar()!;
    }

    public DeadlineRow? Deadline(long id) =>
        Deadline($"SELECT {DeadlineColumns} FROM wf_deadlines WHERE Id = $v", id);

    public DeadlineRow? Heartbeat(string tokenHash) =>
        Deadline($"SELECT {DeadlineColumns} FROM wf_deadlines WHERE TokenHash = $v AND Kind = '{DeadlineKind.Heartbeat}' LIMIT 1", tokenHash);

    public void DeleteDeadline(long id) => Execute("DELETE FROM wf_deadlines WHERE Id = $v", id);

    public void MoveDeadline(long id, string dueAt)
    {
        using var command = Command("UPDATE wf_deadlines SET DueAt = $d WHERE Id = $v");
        command.Parameters.AddWithValue("$d", dueAt);
        command.Parameters.AddWithValue("$v", id);
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes the token's deadlines but <paramref name="except"/>; returns the ids deleted.</summary>
    public List<long> DeleteTokenDeadlines(string tokenHash, long except)
    {
        using var command = Command("DELETE FROM wf_deadlines WHERE TokenHash = $t AND Id <> $x RETURNING Id");
        command.Parameters.AddWithValue("$t", tokenHash);
        command.Parameters.AddWithValue("$x", except);
        return Ids(command);
    }

    /// <summary>Deletes every deadline of the execution; returns the ids deleted.</summary>
    public List<long> DeleteExecutionDeadlines(string executionId)
    {
        using var command = Command("DELETE FROM wf_deadlines WHERE ExecutionId = $e RETURNING Id");
        command.Parameters.AddWithValue("$e", executionId);
        return Ids(command);
    }

    private DeadlineRow? Deadline(string sql, object value)
    {
        using var command = Command(sql);
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new DeadlineRow
        {
            Id = reader.GetInt64(0), ExecutionId = reader.GetString(1), Kind = reader.GetString(2), State = reader.GetString(3),
            TokenHash = Text(reader, 4), DueAt = reader.GetString(5),
        };
    }

    // ---------------------------------------------------------------- task tokens

    public void InsertToken(TaskTokenRow row)
    {
        using var command = Command("INSERT INTO wf_task_tokens (Hash, ExecutionId, State, Status, CreatedAt) VALUES ($h, $e, $s, $st, $c)");
        command.Parameters.AddWithValue("$h", row.Hash);
        command.Parameters.AddWithValue("$e", row.ExecutionId);
        command.Parameters.AddWithValue("$s", row.State);
        command.Parameters.AddWithValue("$st", row.Status);
        command.Parameters.AddWithValue("$c", row.CreatedAt);
        command.ExecuteNonQuery();
    }

    public TaskTokenRow? Token(string hash)
    {
        using var command = Command("SELECT Hash, ExecutionId, State, Status, CreatedAt FROM wf_task_tokens WHERE Hash = $h");
        command.Parameters.AddWithValue("$h", hash);
        return Token(command);
    }

    /// <summary>The newest OPEN token of the execution's state.</summary>
    public TaskTokenRow? OpenToken(string executionId, string state)
    {
        using var command = Command("SELECT Hash, ExecutionId, State, Status, CreatedAt FROM wf_task_tokens "
            + $"WHERE ExecutionId = $e AND State = $s AND Status = '{TokenStatus.Open}' ORDER BY CreatedAt DESC LIMIT 1");
        command.Parameters.AddWithValue("$e", executionId);
        command.Parameters.AddWithValue("$s", state);
        return Token(command);
    }

    /// <summary>OPEN → <paramref name="status"/>, conditionally: true for exactly one of any number of callers.</summary>
    public bool ClaimToken(string hash, string status)
    {
        using var command = Command($"UPDATE wf_task_tokens SET Status = $st WHERE Hash = $h AND Status = '{TokenStatus.Open}'");
        command.Parameters.AddWithValue("$st", status);
        command.Parameters.AddWithValue("$h", hash);
        return command.ExecuteNonQuery() == 1;
    }

    public void CancelOpenTokens(string executionId) =>
        Execute($"UPDATE wf_task_tokens SET Status = '{TokenStatus.Cancelled}' WHERE ExecutionId = $v AND Status = '{TokenStatus.Open}'", executionId);

    private static TaskTokenRow? Token(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TaskTokenRow { Hash = reader.GetString(0), ExecutionId = reader.GetString(1), State = reader.GetString(2), Status = reader.GetString(3), CreatedAt = reader.GetString(4) }
            : null;
    }
}
