using System.Text.Json.Nodes;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>The Map state (inline): one child execution per item, MaxConcurrency, tolerated failures, AWS's history names.</summary>
public sealed class MapStateTests : IDisposable
{
    private readonly ShopApp _app = new ShopApp().WithTestWorkflows();
    private readonly HttpClient _client;

    public MapStateTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_five_items_and_MaxConcurrency_2_When_the_map_runs_Then_results_come_in_item_order_and_never_more_than_2_run_at_once()
    {
        var id = await _client.StartAsync("Test.Map", new { items = new[] { 1, 2, 3, 4, 5 }, keep = "me" });

        var execution = await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        execution["output"]!["results"]!.ToJsonString().Should().Be("""[{"doubled":2},{"doubled":4},{"doubled":6},{"doubled":8},{"doubled":10}]""");
        ((string)execution["output"]!["keep"]!).Should().Be("me");
        var types = await _client.HistoryTypesAsync(id);
        types.Should().ContainInOrder("MapStateEntered", "MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        types.Count(t => t == "MapIterationStarted").Should().Be(5);
        types.Count(t => t == "MapIterationSucceeded").Should().Be(5);
        var running = 0;
        var most = 0;
        foreach (var type in types)
        {
            if (type == "MapIterationStarted") most = Math.Max(most, ++running);
            if (type is "MapIterationSucceeded" or "MapIterationFailed") running--;
        }
        most.Should().Be(2, "MaxConcurrency 2 starts the next iteration only when one has ended");
    }

    [Fact]
    public async Task Given_no_items_When_the_map_runs_Then_it_succeeds_with_an_empty_array()
    {
        var id = await _client.StartAsync("Test.Map", new { items = Array.Empty<int>() });

        var execution = await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        execution["output"]!["results"]!.ToJsonString().Should().Be("[]");
        (await _client.HistoryTypesAsync(id)).Should().ContainInOrder("MapStateStarted", "MapStateSucceeded", "ExecutionSucceeded");
    }

    [Fact]
    public async Task Given_one_failure_tolerated_When_one_item_fails_Then_the_map_succeeds_with_the_error_in_its_place()
    {
        var id = await _client.StartAsync("Test.MapTolerant", new { items = new[] { 1, 2, 3 } });

        var execution = await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        var output = execution["output"]!.AsArray();
        ((int)output[0]!).Should().Be(1);
        ((string)output[1]!["Error"]!).Should().Be("EvenItem");
        ((int)output[2]!).Should().Be(3);
        (await _client.HistoryTypesAsync(id)).Should().Contain("MapIterationFailed");
    }

    [Fact]
    public async Task Given_one_failure_tolerated_When_two_items_fail_Then_the_map_fails_with_ExceedToleratedFailureThreshold()
    {
        var id = await _client.StartAsync("Test.MapTolerant", new { items = new[] { 2, 4, 5 } });

        var execution = await _client.WaitForStatusAsync(id, ExecutionStatus.Failed);

        ((string)execution["error"]!).Should().Be(StatesErrors.ExceedToleratedFailureThreshold);
        (await _client.HistoryTypesAsync(id)).Should().ContainInOrder("MapIterationFailed", "MapIterationFailed", "MapStateFailed", "ExecutionFailed");
    }

    [Fact]
    public async Task Given_a_map_When_its_graph_is_drawn_Then_it_shows_the_map_its_iterator_and_how_its_iterations_ended()
    {
        var id = await _client.StartAsync("Test.Map", new { items = new[] { 1 } });
        await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        var graph = await _client.GetStringAsync(new Uri($"/workflows/executions/{id}/graph", UriKind.Relative));

        // No second ':' in the note: Mermaid draws an error for it.
        graph.Should().Contain("Each Item").And.Contain("Map iterator - Double (1 iterations = 1 SUCCEEDED)");
    }
}
