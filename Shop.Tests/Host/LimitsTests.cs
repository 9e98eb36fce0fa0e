using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Coffee;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Host;

/// <summary>Issue 13, limits: history pages capped, concurrent simulations capped.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task Given_an_execution_with_history_When_read_in_pages_Then_each_page_is_capped_and_next_leads_to_the_rest()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var executionId = await client.PlaceCoffeeAsync("paged-1");
        await client.WaitForDrinkAsync("paged-1", "waiting");
        var all = (await client.GetFromJsonAsync<JsonObject>($"/workflows/executions/{executionId}/history"))!["events"]!.AsArray();
        all.Count.Should().BeGreaterThan(3);

        var read = new List<int>();
        long? after = 0;
        while (after is { } from)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/workflows/executions/{executionId}/history?after={from}&limit=2"))!;
            page["events"]!.AsArray().Count.Should().BeInRange(1, 2);
            read.AddRange(page["events"]!.AsArray().Select(e => (int)e!["id"]!));
            after = (long?)page["next"];
        }
        read.Should().Equal(all.Select(e => (int)e!["id"]!), "the pages together are the whole history, once, in order");

        foreach (var query in new[] { "limit=0", "limit=1001", "after=-1", "limit=x" })
            (await client.GetAsync(new Uri($"/workflows/executions/{executionId}/history?{query}", UriKind.Relative)))
                .StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
    }

    [Fact]
    public async Task Given_the_cap_of_running_simulations_When_one_more_is_started_Then_429_until_one_ends()
    {
        using var app = new ShopApp().With("Choreography:MaxRunningSimulations", "1");
        var client = app.CreateClient();
        var slow = new { events = new[] { new { source = "sim", detailType = "First", detail = new { }, wait = 3600 }, new { source = "sim", detailType = "Second", detail = new { }, wait = 0 } } };

        var first = await client.PostAsJsonAsync("/choreography/simulations", slow);
        first.IsSuccessStatusCode.Should().BeTrue(await first.Content.ReadAsStringAsync());
        var second = await client.PostAsJsonAsync("/choreography/simulations", slow);

        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        ((string)(await second.Content.ReadFromJsonAsync<JsonObject>())!["title"]!).Should().Be("Too many simulations");
    }
}
