using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Tests.AwsApi.EventBridge;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.EventStore;

/// <summary>
/// EventBridge refuses PutEvents entries whose source begins with <c>aws.</c> (NotAuthorizedForSourceException, per
/// entry): those sources are the services' own. The shop's engine and schedules still publish them, not through PutEvents.
/// </summary>
public sealed class ReservedSourceTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public ReservedSourceTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private static JsonArray Entries(params string[] sources) =>
        new(sources.Select(s => (JsonNode)new JsonObject { ["Source"] = s, ["DetailType"] = "Reserved test", ["Detail"] = """{"n":1}""" }).ToArray());

    private async Task<JsonArray> StoredAsync(string source) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/events?source={Uri.EscapeDataString(source)}"))!["items"]!.AsArray();

    /// <summary>Entry 0 and 2 are reserved and fail alone; entry 1 is stored.</summary>
    private async Task AssertOnlyTheReservedEntriesFailedAsync(JsonObject result)
    {
        ((int?)result["FailedEntryCount"]).Should().Be(2, result.ToJsonString());
        var entries = result["Entries"]!.AsArray();
        ((string?)entries[0]!["ErrorCode"]).Should().Be("NotAuthorizedForSourceException");
        ((string?)entries[0]!["ErrorMessage"]).Should().StartWith("Not authorized for the source.");
        ((string?)entries[1]!["EventId"]).Should().NotBeNullOrEmpty();
        ((string?)entries[2]!["ErrorCode"]).Should().Be("NotAuthorizedForSourceException");
        (await StoredAsync("aws.states")).Should().BeEmpty();
        (await StoredAsync("aws.events")).Should().BeEmpty();
        (await StoredAsync("shop.awsish")).Should().ContainSingle();
    }

    [Fact]
    public async Task Given_entries_with_aws_sources_When_put_on_POST_events_Then_each_fails_with_NotAuthorizedForSource_and_the_others_are_stored()
    {
        var response = await _client.PostAsJsonAsync("/events", new JsonObject { ["Entries"] = Entries("aws.states", "shop.awsish", "aws.events") });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await AssertOnlyTheReservedEntriesFailedAsync((await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task Given_entries_with_aws_sources_When_put_over_the_AWS_API_Then_each_fails_with_NotAuthorizedForSource_and_the_others_are_stored()
    {
        var result = await new EventBridgeClient(_client).CallAsync("PutEvents", new JsonObject { ["Entries"] = Entries("aws.states", "shop.awsish", "aws.events") });

        await AssertOnlyTheReservedEntriesFailedAsync(result);
    }

    [Fact]
    public async Task Given_the_shops_own_publisher_When_it_publishes_an_aws_source_Then_it_is_stored()
    {
        using (var scope = _app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IEventPublisher>()
                .PublishAsync("aws.states", "Step Functions Execution Status Change", new JsonObject { ["status"] = "SUCCEEDED" });

        (await StoredAsync("aws.states")).Should().ContainSingle();
    }
}
