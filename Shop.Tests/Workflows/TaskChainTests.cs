using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows;
using Shop.Modules.Workflows.Demo;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>
/// A Task that follows a step runs in the same unit of work, inside a savepoint of its own: when it fails, only its
/// effects roll back, its failure is recorded there, and the step before it is neither undone nor run again.
/// </summary>
public sealed class TaskChainTests
{
    // Per execution and state: the scope's connection and its unit-of-work number while the step ran, and the calls.
    private static readonly ConcurrentDictionary<string, (ShopConnection Connection, long UnitOfWork)> RanIn = new();
    private static readonly ConcurrentDictionary<string, int> Calls = new();

    private static async Task<JsonNode?> Effect(StepContext ctx, CancellationToken ct)
    {
        Calls.AddOrUpdate($"{ctx.ExecutionId}/{ctx.State}", 1, (_, n) => n + 1);
        var connection = ctx.Services.GetRequiredService<ShopConnection>();
        RanIn[$"{ctx.ExecutionId}/{ctx.State}"] = (connection, connection.UnitOfWorkNumber);
        await ctx.Mediator.Send(new RecordDemoEffect(ctx.ExecutionId, ctx.State), ct);
        await ctx.PublishAsync("test.chain", "EffectRecorded", new JsonObject { ["executionId"] = ctx.ExecutionId, ["state"] = ctx.State }, ct);
        return JsonValue.Create(ctx.State);
    }

    private static readonly WorkflowDefinition TwoTasks = Workflow.Define("Test.TwoTasks")
        .Task("First", Effect, t => t.ResultPath("$.first").Next("Second"))
        .Task("Second", Effect, t => t.ResultPath("$.second").End())
        .Build();

    private static readonly WorkflowDefinition SecondFails = Workflow.Define("Test.SecondFails")
        .Task("First", Effect, t => t.ResultPath("$.first").Next("Second"))
        .Task("Second", async (ctx, ct) =>
        {
            await Effect(ctx, ct);
            throw new StepFailedException("Chain.Broken", "the second step failed after its effects");
        }, t => t.Catch(["Chain.Broken"], "Caught", "$.error").End())
        .Pass("Caught", p => p.End())
        .Build();

    [Fact]
    public async Task Given_a_task_followed_by_a_task_When_both_succeed_Then_they_commit_in_one_unit_of_work_with_their_history()
    {
        using var app = new ShopApp().WithServices(services => services.AddWorkflow(TwoTasks));
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.TwoTasks", new { });
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)execution["output"]!["second"]!).Should().Be("Second");
        (await client.HistoryTypesAsync(id)).Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        RanIn[$"{id}/Second"].Connection.Should().BeSameAs(RanIn[$"{id}/First"].Connection, "the second step ran in the first one's scope");
        RanIn[$"{id}/Second"].UnitOfWork.Should().Be(RanIn[$"{id}/First"].UnitOfWork, "and in its unit of work");
        await using var scope = app.Services.CreateAsyncScope();
        (await CountAsync(scope.ServiceProvider, "SELECT COUNT(*) FROM wf_demo_effects WHERE ExecutionId = $id", id)).Should().Be(2);
    }

    [Fact]
    public async Task Given_a_task_followed_by_a_failing_task_When_the_second_fails_Then_only_its_effects_roll_back_and_its_catch_runs_without_running_the_first_again()
    {
        using var app = new ShopApp().WithServices(services => services.AddWorkflow(SecondFails));
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.SecondFails", new { });
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)execution["output"]!["first"]!).Should().Be("First");
        ((string)execution["output"]!["error"]!["Error"]!).Should().Be("Chain.Broken");
        (await client.HistoryTypesAsync(id)).Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited",
            "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        Calls[$"{id}/First"].Should().Be(1, "the first step committed once and never ran again");
        Calls[$"{id}/Second"].Should().Be(1, "the failure was recorded where it happened");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        (await CountAsync(services, "SELECT COUNT(*) FROM wf_demo_effects WHERE ExecutionId = $id AND Step = 'First'", id)).Should().Be(1);
        (await CountAsync(services, "SELECT COUNT(*) FROM wf_demo_effects WHERE ExecutionId = $id AND Step = 'Second'", id)).Should().Be(0,
            "the failed step's write rolled back");
        (await CountAsync(services, "SELECT COUNT(*) FROM evt_events WHERE Source = 'test.chain' AND Envelope LIKE '%' || $id || '%'", id)).Should().Be(1,
            "only the first step's event was stored; the failed step's never existed");
    }

    private static async Task<long> CountAsync(IServiceProvider services, string sql, string executionId)
    {
        await using var command = services.GetRequiredService<ShopConnection>().Command(sql);
        command.Parameters.AddWithValue("$id", executionId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
