using Microsoft.Data.Sqlite;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Data;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Workflows;

/// <summary>
/// Every SQL statement of the engine's store, for SQLite: plain commands on the scope's connection (the writer's
/// connection and batch transaction inside a unit of work), no ORM on the hot path. Another database gets another
/// class with these methods; <see cref="ExecutionStore"/> (what is pending in a unit of work) stays as it is.
/// A command is made where it runs and disposed there: the connection is read each time, never kept.
/// </summary>
internal sealed partial class ExecutionSql(ShopConnection connection)
{
    private const string Columns = "Id, Workflow, Revision, Name, Status, CurrentState, StateInput, EnteredAt, RedriveCount, RedrivenAt, Attempt, Waiting, "
        + "Input, Output, Error, Cause, FailedState, StartedAt, StoppedAt, Version, ParentId, ParentRound, BranchIndex, HistoryCount, TraceParent";

    private const string Insert = $"INSERT INTO wf_executions ({Columns}) VALUES ($Id, $Workflow, $Revision, $Name, $Status, $CurrentState, $StateInput, "
        + "$EnteredAt, $RedriveCount, $RedrivenAt, $Attempt, $Waiting, $Input, $Output, $Error, $Cause, $FailedState, $StartedAt, $StoppedAt, $Version, "
        + "$ParentId, $ParentRound, $BranchIndex, $HistoryCount, $TraceParent)";

    // Only what an execution's life changes (Id, Workflow, Revision, Name, Input and the parent link never change):
    // the version in the WHERE clause refuses a stale copy.
    private const string Update = "UPDATE wf_executions SET Status = $Status, CurrentState = $CurrentState, StateInput = $StateInput, EnteredAt = $EnteredAt, "
        + "RedriveCount = $RedriveCount, RedrivenAt = $RedrivenAt, Attempt = $Attempt, Waiting = $Waiting, Output = $Output, Error = $Error, Cause = $Cause, "
        + "FailedState = $FailedState, StartedAt = $StartedAt, StoppedAt = $StoppedAt, Version = $Version, HistoryCount = $HistoryCount "
        + "WHERE Id = $Id AND Version = $Expected";

    private const int HistoryChunk = 50;
    private static readonly string[] HistoryInserts = Enumerable.Range(0, HistoryChunk + 1).Select(HistoryInsert).ToArray();

    // ---------------------------------------------------------------- executions

    public ExecutionRow? Execution(string id) =>
        Executions($"SELECT {Columns} FROM wf_executions WHERE Id = $id", c => c.Parameters.AddWithValue("$id", id)).FirstOrDefault();

    public ExecutionRow? ExecutionByName(string workflow, string name) =>
        Executions($"SELECT {Columns} FROM wf_executions WHERE Workflow = $w AND Name = $n LIMIT 1", c =>
        {
            c.Parameters.AddWithValue("$w", workflow);
            c.Parameters.AddWithValue("$n", name);
        }).FirstOrDefault();

    public List<ExecutionRow> RunningChildren(string parentId, string round) =>
        Executions($"SELECT {Columns} FROM wf_executions WHERE ParentId = $p AND ParentRound = $r AND Status = '{ExecutionStatus.Running}'", c => Parent(c, parentId, round));

    public List<ExecutionRow> PendingChildren(string parentId, string round, int count) =>
        Executions($"SELECT {Columns} FROM wf_executions WHERE ParentId = $p AND ParentRound = $r AND Status = '{ExecutionStatus.Running}' "
            + $"AND Waiting = '{Waits.Pending}' ORDER BY BranchIndex LIMIT $count", c =>
            {
                Parent(c, parentId, round);
                c.Parameters.AddWithValue("$count", count);
            });

    public List<ChildResult> Children(string parentId, string round)
    {
        using var command = Command("SELECT Status, Waiting, Output, Error, Cause FROM wf_executions WHERE ParentId = $p AND ParentRound = $r ORDER BY BranchIndex");
        Parent(command, parentId, round);
        using var reader = command.ExecuteReader();
        var children = new List<ChildResult>();
        while (reader.Read())
            children.Add(new ChildResult(reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4)));
        return children;
    }

    /// <summary>Inserts new executions (one prepared command for all of them).</summary>
    public void InsertExecutions(IReadOnlyList<ExecutionRow> rows)
    {
        using var command = Command(Insert);
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            Bind(command, row);
            command.Parameters.AddWithValue("$Id", row.Id);
            command.Parameters.AddWithValue("$Workflow", row.Workflow);
            command.Parameters.AddWithValue("$Revision", row.Revision);
            command.Parameters.AddWithValue("$Name", row.Name);
            command.Parameters.AddWithValue("$Input", row.Input);
            command.Parameters.AddWithValue("$ParentId", Value(row.ParentId));
            command.Parameters.AddWithValue("$ParentRound", Value(row.ParentRound));
            command.Parameters.AddWithValue("$BranchIndex", Value(row.BranchIndex));
            command.Parameters.AddWithValue("$TraceParent", Value(row.TraceParent));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Writes the row if its stored version is still <paramref name="expected"/>; false when someone changed it meanwhile.</summary>
    public bool UpdateExecution(ExecutionRow row, long expected)
    {
        using var command = Command(Update);
        Bind(command, row);
        command.Parameters.AddWithValue("$Id", row.Id);
        command.Parameters.AddWithValue("$Expected", expected);
        return command.ExecuteNonQuery() == 1;
    }

    private static void Bind(SqliteCommand command, ExecutionRow row)
    {
        var p = command.Parameters;
        p.AddWithValue("$Status", row.Status);
        p.AddWithValue("$CurrentState", row.CurrentState);
        p.AddWithValue("$StateInput", row.StateInput);
        p.AddWithValue("$EnteredAt", Value(row.EnteredAt));
        p.AddWithValue("$RedriveCount", row.RedriveCount);
        p.AddWithValue("$RedrivenAt", Value(row.RedrivenAt));
        p.AddWithValue("$Attempt", row.Attempt);
        p.AddWithValue("$Waiting", Value(row.Waiting));
        p.AddWithValue("$Output", Value(row.Output));
        p.AddWithValue("$Error", Value(row.Error));
        p.AddWithValue("$Cause", Value(row.Cause));
        p.AddWithValue("$FailedState", Value(row.FailedState));
        p.AddWithValue("$StartedAt", row.StartedAt);
        p.AddWithValue("$StoppedAt", Value(row.StoppedAt));
        p.AddWithValue("$Version", row.Version);
        p.AddWithValue("$HistoryCount", row.HistoryCount);
    }

    private List<ExecutionRow> Executions(string sql, Action<SqliteCommand> bind)
    {
        using var command = Command(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<ExecutionRow>();
        while (reader.Read())
        {
            rows.Add(new ExecutionRow
            {
                Id = reader.GetString(0),
                Workflow = reader.GetString(1),
                Revision = reader.GetInt32(2),
                Name = reader.GetString(3),
                Status = reader.GetString(4),
                CurrentState = reader.GetString(5),
                StateInput = reader.GetString(6),
                EnteredAt = Text(reader, 7),
                RedriveCount = reader.GetInt32(8),
                RedrivenAt = Text(reader, 9),
                Attempt = reader.GetInt32(10),
                Waiting = Text(reader, 11),
                Input = reader.GetString(12),
                Output = Text(reader, 13),
                Error = Text(reader, 14),
                Cause = Text(reader, 15),
                FailedState = Text(reader, 16),
                StartedAt = reader.GetString(17),
                StoppedAt = Text(reader, 18),
                Version = reader.GetInt64(19),
                ParentId = Text(reader, 20),
                ParentRound = Text(reader, 21),
                BranchIndex = reader.IsDBNull(22) ? null : reader.GetInt32(22),
                HistoryCount = reader.GetInt32(23),
                TraceParent = Text(reader, 24),
            });
        }
        return rows;
    }

    // ---------------------------------------------------------------- history

    /// <summary>A step's history rows in as few statements as possible (one per <see cref="HistoryChunk"/> rows).</summary>
    public void InsertHistory(IReadOnlyList<HistoryRow> rows)
    {
        for (var start = 0; start < rows.Count; start += HistoryChunk)
        {
            var count = Math.Min(HistoryChunk, rows.Count - start);
            using var command = Command(HistoryInserts[count]);
            for (var i = 0; i < count; i++)
            {
                var row = rows[start + i];
                var p = command.Parameters;
                p.AddWithValue($"$e{i}", row.ExecutionId);
                p.AddWithValue($"$s{i}", row.Sequence);
                p.AddWithValue($"$t{i}", row.Type);
                p.AddWithValue($"$n{i}", Value(row.State));
                p.AddWithValue($"$m{i}", row.Time);
                p.AddWithValue($"$d{i}", Value(row.Details));
            }
            command.ExecuteNonQuery();
        }
    }

    private static string HistoryInsert(int count) => count == 0 ? "" :
        "INSERT INTO wf_history (ExecutionId, Sequence, Type, State, Time, Details) VALUES "
        + string.Join(", ", Enumerable.Range(0, count).Select(i => $"($e{i}, $s{i}, $t{i}, $n{i}, $m{i}, $d{i})"));

    // ---------------------------------------------------------------- plumbing

    /// <summary>A command on the connection and transaction the scope has now (the writer's inside a unit of work).</summary>
    private SqliteCommand Command(string sql) => connection.Command(sql);

    private void Execute(string sql, object value)
    {
        using var command = Command(sql);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    private static List<long> Ids(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static void Parent(SqliteCommand command, string parentId, string round)
    {
        command.Parameters.AddWithValue("$p", parentId);
        command.Parameters.AddWithValue("$r", round);
    }
}
