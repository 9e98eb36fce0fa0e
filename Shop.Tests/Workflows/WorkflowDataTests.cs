using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Modules.Workflows.Data;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

public sealed class WorkflowDataTests
{
    [Fact]
    public async Task Given_two_writers_of_one_execution_When_the_second_saves_a_stale_copy_Then_it_is_refused_not_overwritten()
    {
        using var app = new ShopApp().WithTestWorkflows();
        var client = app.CreateClient();
        var id = await client.StartAsync("Test.Slow");
        await client.WaitForEventAsync(app, id, "WaitStateEntered");
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Executions.SingleAsync(e => e.Id == id);
        var b = await second.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Executions.SingleAsync(e => e.Id == id);

        a.Cause = "first";
        await first.ServiceProvider.GetRequiredService<WorkflowsDbContext>().SaveChangesAsync();
        b.Cause = "second";
        var stale = () => second.ServiceProvider.GetRequiredService<WorkflowsDbContext>().SaveChangesAsync();

        await stale.Should().ThrowAsync<DbUpdateConcurrencyException>();
        ((string?)(await client.DescribeAsync(id))["cause"]).Should().Be("first");
    }

    [Fact]
    public async Task Given_a_million_executions_When_a_workflows_running_ones_are_counted_Then_a_covering_index_answers()
    {
        // The rows name workflows that do not exist: the periodic rescan of ready executions would end them FAILED
        // (as it should) while the test counts them, on a machine slow enough to reach its first pass.
        using var app = new ShopApp().WithTestWorkflows().With("Workflows:RescanSeconds", "3600");
        app.CreateClient();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "shop.db")}"))
        {
            db.Open();
            using var fill = db.CreateCommand();
            fill.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
                INSERT INTO wf_executions (Id, Workflow, Name, Status, CurrentState, StateInput, Attempt, Input, StartedAt, Version, HistoryCount)
                SELECT 'x' || i, 'Bulk.' || (i % 10), 'n' || i, CASE WHEN i % 100 = 0 THEN 'RUNNING' ELSE 'SUCCEEDED' END,
                       'Done', '{}', 0, '{}', '2026-01-01T00:00:00.0000000Z', 0, 0 FROM n;
                """;
            fill.ExecuteNonQuery();
            using var plan = db.CreateCommand();
            plan.CommandText = "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM wf_executions WHERE Workflow = 'Bulk.3' AND Status = 'RUNNING'";
            using var reader = plan.ExecuteReader();
            reader.Read();
            reader.GetString(3).Should().Contain("COVERING INDEX IX_wf_executions_Workflow_Status");
        }
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();

        // The plan above is the proof that the count does not scan; how fast it is belongs to Shop.Bench (--preload), not
        // to a timed assert that a busy machine breaks.
        var running = await engine.CountRunningAsync("Bulk.3");

        running.Should().Be(0, "i % 100 == 0 never has i % 10 == 3");
        (await engine.CountRunningAsync("Bulk.0")).Should().Be(10_000);
    }
}
