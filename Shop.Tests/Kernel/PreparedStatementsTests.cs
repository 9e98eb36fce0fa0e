using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Kernel;

/// <summary>
/// <see cref="ShopConnection.Command"/> keeps a statement prepared on the writer's connection between units of work.
/// What must hold: the next unit of work gets the same command back with none of the last one's parameters, a
/// statement run while the same one is still reading gets a command of its own, and a failed unit of work leaves
/// nothing behind.
/// </summary>
public sealed class PreparedStatementsTests : IDisposable
{
    private const string ReadEvent = "SELECT Source FROM evt_events WHERE EventId = $id";
    private const string CountEvents = "SELECT COUNT(*) FROM evt_events WHERE Source = $source";

    private readonly ShopApp _app = new();

    public PreparedStatementsTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    private async Task<T> InUnitOfWorkAsync<T>(Func<ShopConnection, T> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ShopConnection>();
        return await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(_ => Task.FromResult(work(connection)));
    }

    [Fact]
    public async Task Given_a_statement_run_in_one_unit_of_work_When_the_next_runs_it_Then_it_gets_the_same_command_without_the_old_parameters()
    {
        var first = await InUnitOfWorkAsync(connection =>
        {
            using var command = connection.Command(CountEvents);
            command.Parameters.AddWithValue("$source", "prepared.test");
            command.ExecuteScalar().Should().Be(0L);
            return command;
        });

        var (second, error) = await InUnitOfWorkAsync(connection =>
        {
            using var command = connection.Command(CountEvents);
            // Without its own parameter the statement must refuse to run: the last unit of work's value is gone.
            var refused = Record.Exception(() => command.ExecuteScalar());
            return (command, refused);
        });

        second.Should().BeSameAs(first, "the statement stays prepared on the writer's connection");
        error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("$source");
    }

    [Fact]
    public async Task Given_a_statement_still_reading_When_the_same_statement_runs_inside_Then_each_gets_its_own_command_and_its_own_rows()
    {
        var ids = await InUnitOfWorkAsync(connection =>
        {
            // Stored as already dispatched: these rows only give the reads something to find.
            using var insert = connection.Command("INSERT INTO evt_events (EventId, Who, Time, TimeWhat, Source, DetailType, Envelope, Bus, DispatchedAt) "
                + "VALUES ($id, 'S#t', '2026-12-03T00:00:00.0000000Z', 'x', $source, 'T', '{}', 'default', '2026-12-03T00:00:00.0000000Z')");
            foreach (var (id, source) in new[] { ("prep-1", "outer.source"), ("prep-2", "inner.source") })
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$source", source);
                insert.ExecuteNonQuery();
            }
            return new[] { "prep-1", "prep-2" };
        });

        var (outer, inner, same) = await InUnitOfWorkAsync(connection =>
        {
            using var outerCommand = connection.Command(ReadEvent);
            outerCommand.Parameters.AddWithValue("$id", ids[0]);
            using var reader = outerCommand.ExecuteReader();
            reader.Read().Should().BeTrue();
            using var innerCommand = connection.Command(ReadEvent);
            innerCommand.Parameters.AddWithValue("$id", ids[1]);
            var innerSource = (string)innerCommand.ExecuteScalar()!;
            return (reader.GetString(0), innerSource, ReferenceEquals(outerCommand, innerCommand));
        });

        same.Should().BeFalse();
        outer.Should().Be("outer.source");
        inner.Should().Be("inner.source");
    }

    [Fact]
    public async Task Given_a_unit_of_work_that_fails_after_a_statement_When_the_next_runs_it_Then_nothing_of_the_failed_one_is_seen()
    {
        var failing = async () => await InUnitOfWorkAsync<int>(connection =>
        {
            using (var insert = connection.Command("INSERT INTO evt_handled (EventId, Handler) VALUES ($e, $h)"))
            {
                insert.Parameters.AddWithValue("$e", "prep-failed");
                insert.Parameters.AddWithValue("$h", "PreparedStatementsTests");
                insert.ExecuteNonQuery();
            }
            throw new InvalidOperationException("fails after writing");
        });
        await failing.Should().ThrowAsync<InvalidOperationException>().WithMessage("fails after writing");

        var count = await InUnitOfWorkAsync(connection =>
        {
            using var command = connection.Command("SELECT COUNT(*) FROM evt_handled WHERE EventId = $e");
            command.Parameters.AddWithValue("$e", "prep-failed");
            return (long)command.ExecuteScalar()!;
        });
        count.Should().Be(0);
    }
}
