using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Tests.Infrastructure;
using Shop.Tests.Orders.EventDriven;

namespace Shop.Tests.Kernel.Events;

/// <summary>
/// The dispatcher delivers a batch of events in lanes of (entity, subscriber): entities do not wait for each other,
/// and one entity's events reach a subscriber in store order, a later one waiting behind a failed earlier one.
/// </summary>
public sealed class DispatcherLaneTests : IDisposable
{
    private readonly ShopApp _app;
    private readonly HttpClient _client;
    private readonly Recorder _recorder = new();

    public DispatcherLaneTests()
    {
        _app = new ShopApp().WithServices(s =>
        {
            s.AddSingleton(_recorder);
            s.AddReaction<RecordingHandler>("test.lanes", "Step");
        });
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_an_entitys_first_event_fails_When_its_second_and_another_entitys_come_in_the_same_batch_Then_the_other_is_delivered_and_the_second_waits_its_turn()
    {
        _recorder.FailOnce("x", 1);

        // One PutEvents: the three events are stored together and dispatched as one batch.
        var response = await _client.PostAsJsonAsync("/events", new JsonObject { ["Entries"] = new JsonArray(Step("x", 1), Step("y", 1), Step("x", 2)) });
        response.EnsureSuccessStatusCode();
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["FailedEntryCount"]!.GetValue<int>().Should().Be(0);
        await _app.SettleAsync();

        var attempts = _recorder.Attempts;
        attempts.Where(a => a.StartsWith('x')).Should().Equal(["x1 failed", "x1", "x2"], "x's second event waits behind its first, retried first");
        attempts.Should().ContainSingle(a => a == "y1");
        attempts.IndexOf("y1").Should().BeLessThan(attempts.IndexOf("x1"), "y is delivered in the batch, not after x's retry");
    }

    [Fact]
    public async Task Given_many_entities_When_their_events_are_stored_in_one_batch_Then_each_entitys_events_arrive_in_store_order()
    {
        var entries = Enumerable.Range(1, 5).SelectMany(n => Enumerable.Range(0, 8).Select(e => (JsonNode)Step($"e{e}", n))).ToList();
        foreach (var chunk in entries.Chunk(10))
            (await _client.PostAsJsonAsync("/events", new JsonObject { ["Entries"] = new JsonArray(chunk) })).EnsureSuccessStatusCode();
        await _app.SettleAsync();

        var delivered = _recorder.Attempts;
        delivered.Should().HaveCount(40);
        foreach (var entity in Enumerable.Range(0, 8).Select(e => $"e{e}"))
            delivered.Where(a => a.StartsWith(entity, StringComparison.Ordinal)).Should().Equal(Enumerable.Range(1, 5).Select(n => $"{entity}{n}"));
    }

    private static JsonObject Step(string entity, int n) =>
        new() { ["Source"] = "test.lanes", ["DetailType"] = "Step", ["Detail"] = new JsonObject { ["id"] = entity, ["n"] = n }.ToJsonString() };

    internal sealed class Recorder
    {
        private readonly List<string> _attempts = [];
        private string? _failOnce;

        public List<string> Attempts
        {
            get { lock (_attempts) return [.. _attempts]; }
        }

        public void FailOnce(string entity, int n) => _failOnce = $"{entity}{n}";

        public void Record(string step)
        {
            lock (_attempts)
            {
                if (_failOnce == step)
                {
                    _failOnce = null;
                    _attempts.Add(step + " failed");
                    throw new InvalidOperationException($"{step} fails once");
                }
                _attempts.Add(step);
            }
        }
    }

    private sealed class RecordingHandler(Recorder recorder) : IEventHandler
    {
        public ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
        {
            var detail = notification.Event.Detail;
            recorder.Record($"{detail["id"]!.GetValue<string>()}{detail["n"]!.GetValue<int>()}");
            return ValueTask.CompletedTask;
        }
    }
}
