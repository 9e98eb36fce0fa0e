using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;
using Shop.Tests.Coffee;
using Shop.Tests.Infrastructure;
using Shop.Tests.Orders.EventDriven;
using Shop.Tests.Workflows;

namespace Shop.Tests.Seeds;

/// <summary>Seed 003 (the serverless workshop, Übung 3) followed as its reader would: both end-to-end tests with order id 1234567890.</summary>
public sealed class Seed003CoffeeTests
{
    private const string Workflow = "Coffee.OrderProcessing";

    /// <summary>"Für unseren Workflow die Aktion Start execution mit folgender Payload aufrufen" (the same payload in both tests).</summary>
    private static readonly JsonObject SeedPayload = JsonNode.Parse("""
        {
          "detail": {
            "orderId": "1234567890",
            "userId": "lars.roewekamp",
            "drink": "Americano grande latte"
          }
        }
        """)!.AsObject();

    private static async Task<string> StartExecutionAsync(HttpClient client)
    {
        // Start execution without a name, as the console does.
        var response = await client.PostAsJsonAsync($"/workflows/{Workflow}/executions", new JsonObject { ["input"] = SeedPayload.DeepClone() });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
    }

    [Fact]
    public async Task Given_the_successful_test_then_the_store_closed_When_the_second_test_starts_with_the_same_order_id_Then_it_runs_and_fails_StoreClosed()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        // "Successful Order - 1: Workflow starten", "2: Barista Callback simulieren"
        var first = await StartExecutionAsync(client);
        await client.WaitForDrinkAsync("1234567890", "waiting");
        (await client.CompleteCoffeeOrderAsync("1234567890", "Julia")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(first, ExecutionStatus.Succeeded);

        // "Unsuccessful Order - 1: Store not open", "2: Workflow starten" with the same payload.
        await client.SettingsAsync(new { storeOpen = false });
        var second = await StartExecutionAsync(client);

        second.Should().NotBe(first);
        ((string)(await client.WaitForStatusAsync(second, ExecutionStatus.Failed))["error"]!).Should().Be("StoreClosed");
        var drink = await client.WaitForDrinkAsync("1234567890", "failed");
        drink.ExecutionId.Should().Be(second);
        drink.Attempt.Should().Be(2);
        var earlier = drink.EarlierAttempts.Should().ContainSingle().Subject;
        earlier.Status.Should().Be(DrinkStatus.Completed);
        earlier.BaristaId.Should().Be("Julia");
        earlier.ExecutionId.Should().Be(first);
    }

    [Fact]
    public async Task Given_an_ended_order_When_a_new_OrderCreated_event_comes_for_its_id_Then_a_new_execution_runs_and_a_redelivery_starts_nothing()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        await PutOrderCreatedAsync(client);
        await client.WaitForDrinkAsync("1234567890", "waiting");
        (await client.CompleteCoffeeOrderAsync("1234567890", "Julia")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForDrinkAsync("1234567890", "completed");
        await client.SettingsAsync(new { storeOpen = false });

        var eventId = await PutOrderCreatedAsync(client);

        var drink = await client.WaitForDrinkAsync("1234567890", "failed");
        drink.Attempt.Should().Be(2);
        (await client.WaitForStatusAsync(drink.ExecutionId!, ExecutionStatus.Failed))["name"]!.GetValue<string>().Should().Be("1234567890.2");

        // The same event delivered again (as after a crash): the handled mark stops it.
        var stored = (await client.GetFromJsonAsync<JsonObject>($"/events/{eventId}"))!["eventDetail"]!.Deserialize<EventEnvelope>(EventEnvelope.Json)!;
        await app.Services.GetRequiredService<EventDispatcher>().RedeliverAsync(stored);
        await client.SettingsAsync(new { storeOpen = true });
        var executions = await client.GetFromJsonAsync<JsonObject>($"/workflows/executions?workflow={Workflow}");
        executions!["executions"]!.AsArray().Select(e => (string)e!["name"]!).Should().BeEquivalentTo("1234567890", "1234567890.2");
        var board = (await client.GetFromJsonAsync<JsonObject>("/coffee/orders"))!;
        var latest = board["recent"]!.AsArray().Single(d => (string)d!["orderId"]! == "1234567890")!;
        ((int)latest["attempt"]!).Should().Be(2);
        latest["earlierAttempts"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Given_an_order_being_processed_When_another_OrderCreated_comes_for_its_id_Then_nothing_new_starts()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        await PutOrderCreatedAsync(client);
        await client.WaitForDrinkAsync("1234567890", "waiting");

        await PutOrderCreatedAsync(client);
        await app.SettleAsync();

        var executions = await client.GetFromJsonAsync<JsonObject>($"/workflows/executions?workflow={Workflow}");
        executions!["executions"]!.AsArray().Select(e => (string)e!["name"]!).Should().Equal("1234567890");
        (await client.DrinkAsync("1234567890")).Attempt.Should().Be(1);
    }

    /// <summary>An OrderCreated as the workshop's functions put it (source ok.serverlessworkshop); returns its event id.</summary>
    private static async Task<string> PutOrderCreatedAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/events", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject
            {
                ["Source"] = "ok.serverlessworkshop", ["DetailType"] = "OrderCreated", ["Detail"] = SeedPayload["detail"]!.ToJsonString(),
            }),
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["Entries"]![0]!["EventId"]!;
    }
}
