using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Kernel;

public sealed class EventOutboxTests : IDisposable
{
    private readonly Recording _handler = new();
    private readonly ShopApp _app;

    public EventOutboxTests()
    {
        // Declared for every event, so it sees each one the dispatcher delivers.
        _app = new ShopApp().WithServices(s => s
            .AddScoped(sp => new RecordingHandler(_handler, sp.GetRequiredService<HandleOnce>()))
            .AddReaction<RecordingHandler>((_, _) => true));
        _ = _app.Server;
    }

    public void Dispose() => _app.Dispose();

    private Task WaitForDispatchAsync() => Eventually.IdleAsync(_app.Services);

    [Fact]
    public async Task Given_a_unit_of_work_that_rolls_back_When_it_published_an_event_Then_the_event_is_neither_stored_nor_dispatched()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            var act = () => unitOfWork.ExecuteAsync(async ct =>
            {
                await publisher.PublishAsync("test", "RolledBack", new JsonObject { ["orderId"] = "order-1" }, cancellationToken: ct);
                throw new InvalidOperationException("the step fails after publishing");
            });
            await act.Should().ThrowAsync<InvalidOperationException>();
        }
        // A committed event afterwards proves the dispatcher is running, and that it delivers only that one.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEventPublisher>().PublishAsync("test", "Committed", new JsonObject());
        }
        await WaitForDispatchAsync();

        await using var read = _app.Services.CreateAsyncScope();
        var stored = await read.ServiceProvider.GetRequiredService<IEventStore>().QueryAsync(new EventQuery(), 1, 10);
        stored.Items.Select(e => e.DetailType).Should().Equal("Committed");
        stored.Items[0].Dispatched.Should().BeTrue();
        _handler.Received.Select(e => e.DetailType).Should().Equal("Committed");
    }

    [Fact]
    public async Task Given_a_handler_wrapped_in_HandleOnce_When_the_same_event_is_delivered_twice_Then_its_effect_runs_once()
    {
        var envelope = new EventEnvelope("0", Guid.NewGuid().ToString(), "OrderCreated", "test", EventEnvelope.LocalAccount,
            DateTimeOffset.UnixEpoch, EventEnvelope.LocalRegion, [], new JsonObject());
        var effects = 0;
        var outcomes = new List<bool>();

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var once = scope.ServiceProvider.GetRequiredService<HandleOnce>();
            outcomes.Add(await once.RunAsync(envelope, "TestHandler", _ => { effects++; return Task.CompletedTask; }));
        }

        effects.Should().Be(1);
        outcomes.Should().Equal(true, false);
    }

    [Fact]
    public async Task Given_a_HandleOnce_effect_that_fails_When_delivered_again_Then_it_runs_again()
    {
        var envelope = new EventEnvelope("0", Guid.NewGuid().ToString(), "OrderCreated", "test", EventEnvelope.LocalAccount,
            DateTimeOffset.UnixEpoch, EventEnvelope.LocalRegion, [], new JsonObject());
        var attempts = 0;

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var once = scope.ServiceProvider.GetRequiredService<HandleOnce>();
            var act = () => once.RunAsync(envelope, "TestHandler", _ => { attempts++; throw new InvalidOperationException("crash"); });
            await act.Should().ThrowAsync<InvalidOperationException>();
        }
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var once = scope.ServiceProvider.GetRequiredService<HandleOnce>();
            (await once.RunAsync(envelope, "TestHandler", _ => { attempts++; return Task.CompletedTask; })).Should().BeTrue();
        }

        attempts.Should().Be(2, "a failed effect leaves no 'handled' mark");
    }

    [Fact]
    public async Task Given_a_HandleOnce_handler_When_the_dispatcher_delivers_the_same_event_twice_Then_its_effect_runs_once()
    {
        var envelope = new EventEnvelope("0", Guid.NewGuid().ToString(), "Counted", "test", EventEnvelope.LocalAccount,
            DateTimeOffset.UnixEpoch, EventEnvelope.LocalRegion, [], new JsonObject());

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await _app.Services.GetRequiredService<EventDispatcher>().RedeliverAsync(envelope);
        }

        _handler.Received.Should().HaveCount(2, "both deliveries reach the handler");
        _handler.Effects.Should().Be(1, "HandleOnce lets the effect run once");
    }

    private sealed class Recording
    {
        private int _effects;

        public ConcurrentQueue<EventEnvelope> Received { get; } = new();

        public int Effects => _effects;

        public void Effect() => Interlocked.Increment(ref _effects);
    }

    /// <summary>A handler like the modules' ones: it records every delivery, and counts effects under HandleOnce.</summary>
    private sealed class RecordingHandler(Recording recording, HandleOnce once) : IEventHandler
    {
        public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
        {
            recording.Received.Enqueue(notification.Event);
            if (notification.Event.DetailType != "Counted") return;
            await once.RunAsync(notification.Event, nameof(RecordingHandler), _ => { recording.Effect(); return Task.CompletedTask; }, cancellationToken);
        }
    }
}
