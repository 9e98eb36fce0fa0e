using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;
using Shop.Tests.Kernel.Rules;

namespace Shop.Tests.Choreography;

public sealed class ReplayTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public ReplayTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private Task<string> CarAsync(string detailType, string id, string? result = null)
    {
        var detail = new JsonObject { ["id"] = id };
        if (result is not null) detail["result"] = result;
        return RuleTests.PutEventAsync(_client, "car", detailType, detail);
    }

    private async Task<JsonObject> ReplayAsync(object body)
    {
        var response = await _client.PostAsJsonAsync("/choreography/SecondHandCar/replay", body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject Entity(JsonObject report, string id) =>
        report["entities"]!.AsArray().Single(e => (string)e!["entityId"]! == id)!.AsObject();

    [Fact]
    public async Task Given_a_mixed_history_When_replayed_Then_each_entity_is_reported_conforming_or_where_it_diverged()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        await CarAsync("Car Announced", "rp-done");
        await CarAsync("Car Announced", "rp-open");
        await CarAsync("Car Announced", "rp-bad");
        await CarAsync("Inspection Completed", "rp-done", "Rejected");
        await CarAsync("Inspection Completed", "rp-open", "Success");
        await CarAsync("Inspection Completed", "rp-bad", "Success");
        await CarAsync("Car Priced", "rp-open");
        await CarAsync("Car Cleaned", "rp-bad");
        var offending = await CarAsync("Car Sold", "rp-bad");
        await CarAsync("Car Repaired", "rp-bad");
        await CarAsync("Car Cleaned", "rp-orphan");
        await RuleTests.PutEventAsync(_client, "order", "Order Placed", new JsonObject { ["id"] = "rp-order" });
        var to = DateTimeOffset.UtcNow.AddSeconds(1);

        var report = await ReplayAsync(new { from = from.ToString("O"), to = to.ToString("O") });

        report["entities"]!.AsArray().Select(e => (string)e!["entityId"]!).Should().Equal("rp-done", "rp-open", "rp-bad", "rp-orphan");
        ((int)report["conforming"]!).Should().Be(2);
        ((int)report["diverging"]!).Should().Be(2);
        var done = Entity(report, "rp-done");
        ((bool)done["conforms"]!).Should().BeTrue();
        ((bool)done["completed"]!).Should().BeTrue();
        ((string)done["state"]!).Should().Be("Rejected");
        var open = Entity(report, "rp-open");
        ((bool)open["conforms"]!).Should().BeTrue();
        ((bool)open["completed"]!).Should().BeFalse();
        ((string)open["state"]!).Should().Be("InPreparation");
        var bad = Entity(report, "rp-bad");
        ((bool)bad["conforms"]!).Should().BeFalse();
        ((int)bad["events"]!).Should().Be(5);
        ((string)bad["divergence"]!["state"]!).Should().Be("InPreparation");
        ((string)bad["divergence"]!["eventId"]!).Should().Be(offending);
        ((string)bad["divergence"]!["detailType"]!).Should().Be("Car Sold");
        var orphan = Entity(report, "rp-orphan");
        orphan["divergence"]!["state"].Should().BeNull();
        ((string)orphan["divergence"]!["reason"]!).Should().Contain("before any start event");

        var one = await ReplayAsync(new { entityId = "rp-bad" });
        one["entities"]!.AsArray().Should().ContainSingle();
        ((int)one["diverging"]!).Should().Be(1);

        var executions = await _client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Choreography.SecondHandCar");
        executions!["executions"]!.AsArray().Should().NotContain(e => (string)e!["name"]! == "rp-orphan", "replay starts no executions");
    }

    [Theory]
    [InlineData("""{"from":"yesterday"}""", "from")]
    [InlineData("""{"from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"}""", "from")]
    [InlineData("""{"entityId":5}""", "entityId")]
    [InlineData("""[1]""", "body")]
    public async Task Given_a_bad_replay_request_When_replayed_Then_400_names_the_field(string body, string field)
    {
        var response = await _client.PostAsync(new Uri("/choreography/SecondHandCar/replay", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!).Should().Be(field);
    }
}
