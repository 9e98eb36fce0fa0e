using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Kernel;

/// <summary>
/// The group-committing writer: units of work of different scopes share one transaction, each in its own
/// savepoint. These tests hold the writer with one unit of work so that the next ones queue up and are
/// certainly taken into the same batch.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly ShopApp _app = new();

    public GroupCommitTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_a_batch_of_units_of_work_When_one_fails_Then_it_alone_rolls_back_and_the_others_commit()
    {
        var writer = _app.Services.GetRequiredService<GroupCommitWriter>();
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var batchOf = new Dictionary<string, long>();
        var afterCommit = new List<string>();

        Task Publish(string name, bool fail) => Task.Run(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            await unitOfWork.ExecuteAsync(async ct =>
            {
                lock (batchOf) batchOf[name] = writer.Counts.Commits;
                if (name == "A")
                {
                    held.SetResult();
                    await release.Task;
                }
                await publisher.PublishAsync("test", $"Batch{name}", new JsonObject(), cancellationToken: ct);
                unitOfWork.AfterCommit(() =>
                {
                    lock (afterCommit) afterCommit.Add(name);
                    return ValueTask.CompletedTask;
                });
                if (fail) throw new InvalidOperationException($"{name} fails after writing");
            });
        });

        var a = Publish("A", fail: false);
        await held.Task;
        var queued = new[] { Publish("B", fail: false), Publish("C", fail: true), Publish("D", fail: false) };
        try
        {
            await WaitUntilQueuedAsync(writer, 3);
        }
        finally
        {
            release.SetResult();
        }

        await a;
        await queued[0];
        await FluentActions.Awaiting(() => queued[1]).Should().ThrowAsync<InvalidOperationException>().WithMessage("C fails after writing");
        await queued[2];

        batchOf.Values.Distinct().Should().ContainSingle("A, B, C and D ran inside one batch transaction");
        (await StoredDetailTypesAsync()).Should().BeEquivalentTo("BatchA", "BatchB", "BatchD");
        afterCommit.Should().BeEquivalentTo("A", "B", "D");
    }

    [Fact]
    public async Task Given_a_batch_whose_commit_fails_When_the_callers_return_Then_they_get_the_error_and_no_after_commit_action_runs()
    {
        await using (var setup = _app.Services.CreateAsyncScope())
        {
            // A deferred foreign key is checked at COMMIT only: the work succeeds, the batch's commit fails.
            await using var command = setup.ServiceProvider.GetRequiredService<ShopConnection>().Connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE test_parent (id TEXT PRIMARY KEY);
                CREATE TABLE test_child (id TEXT PRIMARY KEY, parent TEXT REFERENCES test_parent (id) DEFERRABLE INITIALLY DEFERRED);
                """;
            await command.ExecuteNonQueryAsync();
        }
        var ran = false;

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var connection = scope.ServiceProvider.GetRequiredService<ShopConnection>();
            var act = () => unitOfWork.ExecuteAsync(async ct =>
            {
                await using var insert = connection.Connection.CreateCommand();
                insert.Transaction = connection.Transaction;
                insert.CommandText = "INSERT INTO test_child (id, parent) VALUES ('child-1', 'no such parent')";
                await insert.ExecuteNonQueryAsync(ct);
                unitOfWork.AfterCommit(() =>
                {
                    ran = true;
                    return ValueTask.CompletedTask;
                });
            });
            (await act.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("FOREIGN KEY");
        }

        ran.Should().BeFalse("the batch did not commit, so nothing may follow from it");
        await using var read = _app.Services.CreateAsyncScope();
        await using var count = read.ServiceProvider.GetRequiredService<ShopConnection>().Connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM test_child";
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public async Task Given_two_after_commit_actions_When_the_first_throws_Then_the_second_still_runs_and_the_caller_succeeds()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var second = false;

        await unitOfWork.ExecuteAsync(_ =>
        {
            unitOfWork.AfterCommit(() => throw new InvalidOperationException("the first follow-up fails"));
            unitOfWork.AfterCommit(() =>
            {
                second = true;
                return ValueTask.CompletedTask;
            });
            return Task.CompletedTask;
        });

        second.Should().BeTrue();
    }

    private static async Task WaitUntilQueuedAsync(GroupCommitWriter writer, int count)
    {
        // Waits for a state, not a time: the three units of work are in the writer's queue.
        while (writer.Queued < count) await Task.Delay(10);
    }

    private async Task<List<string>> StoredDetailTypesAsync()
    {
        await using var read = _app.Services.CreateAsyncScope();
        var stored = await read.ServiceProvider.GetRequiredService<IEventStore>().QueryAsync(new EventQuery(Source: "test"), 1, 50);
        return [.. stored.Items.Select(e => e.DetailType)];
    }
}
