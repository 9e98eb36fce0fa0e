using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Coffee;

/// <summary>SCENARIOS §3 through HTTP: every path of the barista workflow.</summary>
public sealed class BaristaWorkflowTests
{
    private const string Workflow = "Coffee.OrderProcessing";

    [Fact]
    public async Task Given_an_open_store_When_the_barista_completes_the_drink_Then_the_order_is_ready_for_pick_up()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        var executionId = await client.PlaceCoffeeAsync("1234567890");
        var waiting = await client.WaitForDrinkAsync("1234567890", "waiting");
        waiting.ExecutionId.Should().Be(executionId);

        var events = await client.WaitingCompletionEventsAsync("1234567890");
        events.Should().ContainSingle();
        events[0]["source"]!.GetValue<string>().Should().Be("ok.serverlessworkshop");
        var detail = events[0]["detail"]!;
        ((string)detail["TaskToken"]!).Should().NotBeNullOrEmpty();
        ((string)detail["Message"]!).Should().Contain("The workflow resumes as soon as a barista finish your drink.");
        ((string)detail["orderId"]!).Should().Be("1234567890");
        ((string)detail["userId"]!).Should().Be("lars.roewekamp");
        ((string)detail["drink"]!).Should().Be("Americano grande latte");

        (await client.CompleteCoffeeOrderAsync("1234567890", "Julia")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var execution = await client.WaitForStatusAsync(executionId, ExecutionStatus.Succeeded);

        JsonNode.DeepEquals(execution["output"], JsonNode.Parse("""
            {"orderCompleted": {"displayMessage": "Order with id 1234567890 is ready for pick up.",
              "orderCreated": {"orderId": "1234567890", "orderStatus": "ready for pickup", "userId": "lars.roewekamp",
                               "drink": "Americano grande latte", "baristaId": "Julia"}}}
            """)).Should().BeTrue(execution["output"]!.ToJsonString());
        var drink = await client.WaitForDrinkAsync("1234567890", "completed");
        drink.BaristaId.Should().Be("Julia");

        var history = await client.HistoryAsync(executionId);
        var enteredCompleted = history.First(e => (string)e["type"]! == "TaskStateEntered" && (string)e["state"]! == "Order Completed");
        ((string)enteredCompleted["details"]!["input"]!["orderToCreate"]!["barista"]!["baristaId"]!).Should().Be("Julia", "the callback output is kept at orderToCreate.barista");
        ((string)history.First(e => (string)e["state"]! == "Get Store Status" && (string)e["type"]! == "TaskStateEntered")["details"]!["input"]!["displayMessage"]!)
            .Should().Be("Order with id 1234567890 entered workflow.");
    }

    [Fact]
    public async Task Given_coffee_and_retail_OrderCreated_events_When_put_on_the_bus_Then_only_the_coffee_one_starts_one_execution_and_its_token_works_once()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var detail = """{"orderId": "seed-1", "userId": "lars.roewekamp", "drink": "Americano grande latte"}""";

        // Twice, as a redelivery would: the execution name is the order id, so the second starts nothing.
        await PutEventAsync(client, "ok.serverlessworkshop", detail);
        await PutEventAsync(client, "ok.serverlessworkshop", detail);
        await PutEventAsync(client, "Order", """{"orderId": "retail-1", "userId": "u", "drink": "not coffee"}""");
        await PutEventAsync(client, "ok.serverlessworkshop", """{"orderId": "bad id with spaces", "userId": "u", "drink": "x"}""");

        await client.WaitForDrinkAsync("seed-1", "waiting");
        await WaitForEventsDeliveredAsync(app);
        var executions = await ExecutionNamesAsync(client);
        executions.Should().Equal("seed-1");
        (await client.GetAsync(new Uri("/coffee/orders/retail-1", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var token = (string)(await client.WaitingCompletionEventsAsync("seed-1")).Single()["detail"]!["TaskToken"]!;
        var unknown = await client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = "not-a-token", output = """{"baristaId": "Julia"}""" });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await unknown.ProblemAsync())["error"]!).Should().Be("TaskDoesNotExist");

        (await client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = token, output = """{"baristaId": "Julia"}""" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var used = await client.PostAsJsonAsync("/workflows/tasks/success", new { taskToken = token, output = """{"baristaId": "Mia"}""" });
        used.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await used.ProblemAsync())["error"]!).Should().Be("TaskDoesNotExist");

        var drink = await client.WaitForDrinkAsync("seed-1", "completed");
        drink.BaristaId.Should().Be("Julia", "the refused second callback changed nothing");
        var completeAgain = await client.CompleteCoffeeOrderAsync("seed-1", "Mia");
        completeAgain.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ((string)(await completeAgain.ProblemAsync())["errorCode"]!).Should().Be("DrinkNotWaiting");
    }

    [Fact]
    public async Task Given_bad_input_When_ordering_or_changing_settings_Then_400_names_the_field_and_nothing_changes()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();

        await ExpectBadRequestAsync(await client.PostAsJsonAsync("/coffee/orders", new { orderId = "x-1", drink = "Latte" }), "userId");
        await ExpectBadRequestAsync(await client.PostAsJsonAsync("/coffee/orders", new { orderId = "has space", userId = "u", drink = "Latte" }), "orderId");
        await ExpectBadRequestAsync(await client.PostAsJsonAsync("/coffee/orders", new { userId = "u", drink = 5 }), "drink");
        await ExpectBadRequestAsync(await client.PutAsJsonAsync("/coffee/settings", new { storeOpen = "yes" }), "storeOpen");
        await ExpectBadRequestAsync(await client.PutAsJsonAsync("/coffee/settings", new { baristaCapacity = 0 }), "baristaCapacity");
        await ExpectBadRequestAsync(await client.PutAsJsonAsync("/coffee/settings", new { baristaCapacity = 2.5 }), "baristaCapacity");
        await ExpectBadRequestAsync(await client.PutAsJsonAsync("/coffee/settings", new { }), "storeOpen");
        await ExpectBadRequestAsync(await client.PostAsJsonAsync("/coffee/orders/x-1/complete", new { baristaId = "" }), "baristaId");

        (await client.GetAsync(new Uri("/coffee/orders/x-1", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ExecutionNamesAsync(client)).Should().BeEmpty();
        (await client.GetOkAsync<CoffeeSettingsDto>("/coffee/settings")).Should().Be(new CoffeeSettingsDto(StoreOpen: true, BaristaCapacity: 10));
    }

    [Fact]
    public async Task Given_an_order_id_used_before_When_ordered_again_Then_the_first_order_stands()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var first = await client.PlaceCoffeeAsync("twice-1");

        var again = await client.PostAsJsonAsync("/coffee/orders", new { orderId = "twice-1", userId = "other", drink = "Tea" });

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string)(await again.ProblemAsync())["executionId"]!).Should().Be(first);
        (await client.WaitForDrinkAsync("twice-1", "waiting")).Drink.Should().Be("Americano grande latte");
        (await ExecutionNamesAsync(client)).Should().Equal("twice-1");
    }

    private static Task WaitForEventsDeliveredAsync(ShopApp app) => Eventually.IdleAsync(app.Services);

    private static async Task ExpectBadRequestAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        ((string)(await response.ProblemAsync())["field"]!).Should().Be(field);
    }

    private static async Task PutEventAsync(HttpClient client, string source, string detail)
    {
        var response = await client.PostAsJsonAsync("/events", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject { ["Source"] = source, ["DetailType"] = "OrderCreated", ["Detail"] = detail }),
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["FailedEntryCount"]!).Should().Be(0);
    }

    private static async Task<List<string>> ExecutionNamesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/workflows/executions?workflow={Workflow}");
        return page!["executions"]!.AsArray().Select(e => (string)e!["name"]!).ToList();
    }
}
