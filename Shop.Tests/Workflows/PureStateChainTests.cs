using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>
/// Pure states (Pass, Choice, Succeed, Fail) run in the unit of work of the state before them. Every committed
/// change of an execution bumps its Version once, so the Version tells how many units of work wrote it.
/// </summary>
public sealed class PureStateChainTests
{
    private static readonly ConcurrentDictionary<string, long> VersionInTask = new();

    private static readonly WorkflowDefinition TaskThenPure = Workflow.Define("Test.TaskThenPure")
        .Task("Work", async (ctx, ct) =>
        {
            VersionInTask[ctx.ExecutionId] = await VersionAsync(ctx.Services, ctx.ExecutionId);
            return JsonValue.Create(7);
        }, t => t.ResultPath("$.n").Next("Check"))
        .Choice("Check", c => c.When("n over 5", s => (int)s["n"]! > 5, "Shape").Otherwise("Done"))
        .Pass("Shape", p => p.Result(JsonValue.Create("big")).ResultPath("$.size").Next("Done"))
        .Succeed("Done")
        .Build();

    [Fact]
    public async Task Given_a_task_followed_by_a_choice_a_pass_and_a_succeed_When_it_runs_Then_all_four_commit_in_one_unit_of_work_with_their_history()
    {
        using var app = new ShopApp().WithServices(services => services.AddWorkflow(TaskThenPure));
        var client = app.CreateClient();

        var id = await client.StartAsync("Test.TaskThenPure", new { });
        var execution = await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        ((string)execution["output"]!["size"]!).Should().Be("big");
        (await client.HistoryTypesAsync(id)).Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited", "SucceedStateEntered",
            "SucceedStateExited", "ExecutionSucceeded");
        await using var scope = app.Services.CreateAsyncScope();
        (await VersionAsync(scope.ServiceProvider, id)).Should().Be(VersionInTask[id] + 1,
            "the Task's step and the three pure states after it are one UPDATE of the execution, not four");
    }

    private static async Task<long> VersionAsync(IServiceProvider services, string executionId)
    {
        await using var command = services.GetRequiredService<ShopConnection>().Command("SELECT Version FROM wf_executions WHERE Id = $id");
        command.Parameters.AddWithValue("$id", executionId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
