using Shop.Modules.Workflows.Data;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Workflows;

internal sealed partial class ExecutionSql
{
    /// <summary>
    /// One page of executions, newest first, optionally of one workflow and one status. The console's list and the bench's
    /// poll of the running executions read it many times a second: a plain command (no EF query pipeline) walking the
    /// index (Workflow, Status, StartedAt, Id).
    /// </summary>
    public List<ExecutionSummary> Page(string? workflow, string? status, long offset, int limit)
    {
        var where = (string.IsNullOrEmpty(workflow), status is null) switch
        {
            (true, true) => "",
            (false, true) => "WHERE Workflow = $w ",
            (true, false) => "WHERE Status = $s ",
            (false, false) => "WHERE Workflow = $w AND Status = $s ",
        };
        using var command = Command("SELECT Id, Name, Workflow, Status, CurrentState, StartedAt, StoppedAt FROM wf_executions "
            + where + "ORDER BY StartedAt DESC, Id DESC LIMIT $limit OFFSET $offset");
        if (!string.IsNullOrEmpty(workflow)) command.Parameters.AddWithValue("$w", workflow);
        if (status is not null) command.Parameters.AddWithValue("$s", status);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        using var reader = command.ExecuteReader();
        var page = new List<ExecutionSummary>();
        while (reader.Read())
        {
            page.Add(new ExecutionSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(reader, 4),
                WorkflowsDbContext.ParseTime(reader.GetString(5)), Text(reader, 6) is { } stopped ? WorkflowsDbContext.ParseTime(stopped) : null));
        }
        return page;
    }
}
