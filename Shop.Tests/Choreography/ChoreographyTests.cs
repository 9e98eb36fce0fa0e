using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;
using static Shop.Tests.Choreography.ChoreographyClient;

namespace Shop.Tests.Choreography;

/// <summary>One shop (waits × 0.01) for every test: each test uses its own entity ids.</summary>
public sealed class ChoreographyApp : IDisposable
{
    private readonly ShopApp _app = new ShopApp().With("Workflows:TimeScale", "0.01");

    public HttpClient CreateClient() => _app.CreateClient();

    public void Dispose() => _app.Dispose();
}

public sealed class ChoreographyTests(ChoreographyApp app) : IClassFixture<ChoreographyApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private static JsonObject Seed(string name) => new() { ["seed"] = name };

    private async Task<List<string>> EnteredStatesAsync(string executionId) =>
        (await _client.HistoryAsync(executionId)).Where(e => ((string)e["type"]!).EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => (string)e["state"]!).ToList();

    [Fact]
    public async Task Given_the_happy_marketplace_seed_When_simulated_Then_the_execution_succeeds_in_OrderCompleted()
    {
        await _client.SimulateAsync(Seed("marketplace-order-happy"));

        var execution = await _client.ExecutionOfAsync("MarketplaceOrder", "order-1001", "SUCCEEDED");
        ((string)execution["name"]!).Should().Be("order-1001");
        ((string)execution["workflow"]!).Should().Be("Choreography.MarketplaceOrder");
        (await EnteredStatesAsync((string)execution["executionId"]!)).Should().ContainInOrder(
            "WaitForConfirmation", "WaitForServiceProviderAccept", "WaitForServiceProviderAcceptChoice", "WaitForServiceProviderDelivery", "OrderCompleted");
        ((string)execution["output"]!["lastEvent"]!["detail-type"]!).Should().Be("Order Delivered");
        var run = await _client.RunAsync("MarketplaceOrder", "order-1001");
        ((string)run["status"]!).Should().Be("SUCCEEDED");
        ((string)run["state"]!).Should().Be("OrderCompleted");
    }

    [Fact]
    public async Task Given_the_unexpected_marketplace_seed_When_simulated_Then_the_execution_fails_with_UnexpectedTransition_where_it_diverged()
    {
        await _client.SimulateAsync(Seed("marketplace-order-unexpected"));

        var execution = await _client.ExecutionOfAsync("MarketplaceOrder", "order-1002", "FAILED");
        ((string)execution["error"]!).Should().Be("UnexpectedTransition");
        var cause = JsonNode.Parse((string)execution["cause"]!)!;
        ((string)cause["state"]!).Should().Be("WaitForServiceProviderAccept");
        ((string)cause["event"]!["detail-type"]!).Should().Be("Order Delivered");
        ((string)execution["currentState"]!).Should().Be("WaitForServiceProviderAccept");
        var run = await _client.RunAsync("MarketplaceOrder", "order-1002");
        ((string)run["status"]!).Should().Be("FAILED");
        ((string)run["divergedState"]!).Should().Be("WaitForServiceProviderAccept");
        var graph = await _client.GetStringAsync($"/workflows/executions/{execution["executionId"]}/graph");
        graph.Should().Contain("class WaitForServiceProviderAccept failed");
    }

    [Fact]
    public async Task Given_a_rejected_marketplace_order_When_simulated_Then_it_ends_in_OrderCanceled()
    {
        await _client.SimulateAsync(Order("Order Placed", "order-rej"), Order("Order Confirmed", "order-rej"),
            Order("Order Rejected", "order-rej"), Order("Order Canceled", "order-rej"));

        var execution = await _client.ExecutionOfAsync("MarketplaceOrder", "order-rej", "SUCCEEDED");
        (await EnteredStatesAsync((string)execution["executionId"]!)).Should().Contain(["WaitForCanceled", "OrderCanceled"]);
    }

    [Fact]
    public async Task Given_the_happy_car_seed_When_simulated_Then_the_execution_succeeds_through_both_parallel_waits()
    {
        await _client.SimulateAsync(Seed("second-hand-car-happy"));

        var execution = await _client.ExecutionOfAsync("SecondHandCar", "car-88888", "SUCCEEDED");
        (await EnteredStatesAsync((string)execution["executionId"]!)).Should().ContainInOrder(
            "InInspection", "InInspectionChoice", "InPreparation", "ReadyForSale", "OnSale", "Reserved", "Sold", "Done");
        execution["output"]!["lastEvents"]!.AsArray().Select(e => (string)e!["detail-type"]!).Should().Equal("Car Delivered", "Invoice Sent");
    }

    [Fact]
    public async Task Given_the_unexpected_car_seed_When_simulated_Then_it_fails_in_InPreparation_with_the_offending_event()
    {
        await _client.SimulateAsync(Seed("second-hand-car-unexpected"));

        var execution = await _client.ExecutionOfAsync("SecondHandCar", "car-99999", "FAILED");
        ((string)execution["error"]!).Should().Be("UnexpectedTransition");
        var cause = JsonNode.Parse((string)execution["cause"]!)!;
        ((string)cause["state"]!).Should().Be("InPreparation");
        ((string)cause["event"]!["detail-type"]!).Should().Be("Car Published");
        var graph = await _client.GetStringAsync($"/workflows/executions/{execution["executionId"]}/graph");
        graph.Should().Contain("class InPreparation failed");
    }

    [Fact]
    public async Task Given_a_car_that_is_unpublished_and_unreserved_When_simulated_Then_the_loops_go_back_and_it_still_succeeds()
    {
        const string id = "car-loops";
        await _client.SimulateAsync(
            Car("Car Announced", id), Car("Inspection Completed", id, new JsonObject { ["result"] = "Success" }),
            Car("Car Repaired", id), Car("Car Priced", id), Car("Car Cleaned", id),
            Car("Car Published", id), Car("Car Unpublished", id), Car("Car Published", id),
            Car("Car Reserved", id), Car("Car Unreserved", id), Car("Car Reserved", id),
            Car("Car Sold", id), Car("Invoice Sent", id), Car("Car Delivered", id));

        var execution = await _client.ExecutionOfAsync("SecondHandCar", id, "SUCCEEDED");
        var entered = await EnteredStatesAsync((string)execution["executionId"]!);
        entered.Count(s => s == "ReadyForSale").Should().Be(2);
        entered.Count(s => s == "OnSale").Should().Be(3);
        entered.Count(s => s == "Reserved").Should().Be(2);
    }

    [Fact]
    public async Task Given_a_rejected_inspection_When_simulated_Then_it_ends_in_Rejected_and_a_bad_result_is_unexpected()
    {
        await _client.SimulateAsync(Car("Car Announced", "car-rej"), Car("Inspection Completed", "car-rej", new JsonObject { ["result"] = "Rejected" }),
            Car("Car Announced", "car-odd"), Car("Inspection Completed", "car-odd", new JsonObject { ["result"] = "Maybe" }));

        var rejected = await _client.ExecutionOfAsync("SecondHandCar", "car-rej", "SUCCEEDED");
        (await EnteredStatesAsync((string)rejected["executionId"]!)).Should().Contain("Rejected").And.NotContain("InPreparation");
        var odd = await _client.ExecutionOfAsync("SecondHandCar", "car-odd", "FAILED");
        ((string)JsonNode.Parse((string)odd["cause"]!)!["state"]!).Should().Be("InInspection");
    }

    public static TheoryData<string, string, string> PreparationOrders()
    {
        string[] events = ["Car Cleaned", "Car Repaired", "Car Priced"];
        var data = new TheoryData<string, string, string>();
        foreach (var a in events)
            foreach (var b in events.Where(e => e != a))
                data.Add(a, b, events.Single(e => e != a && e != b));
        return data;
    }

    [Theory]
    [MemberData(nameof(PreparationOrders))]
    public async Task Given_the_preparation_events_in_any_order_When_simulated_without_waits_Then_the_car_succeeds(string first, string second, string third)
    {
        var id = "car-" + string.Concat(new[] { first, second, third }.Select(e => e[4]));
        await _client.SimulateAsync(
            Car("Car Announced", id), Car("Inspection Completed", id, new JsonObject { ["result"] = "Success" }),
            Car(first, id), Car(second, id), Car(third, id),
            Car("Car Published", id), Car("Car Reserved", id), Car("Car Sold", id), Car("Car Delivered", id), Car("Invoice Sent", id));

        var execution = await _client.ExecutionOfAsync("SecondHandCar", id, "SUCCEEDED");
        ((string)execution["output"]!["lastEvent"]!["detail-type"]!).Should().Be("Car Sold");
    }

    [Fact]
    public async Task Given_a_repeated_preparation_event_When_simulated_Then_it_is_an_unexpected_transition_in_InPreparation()
    {
        const string id = "car-twice";
        await _client.SimulateAsync(Car("Car Announced", id), Car("Inspection Completed", id, new JsonObject { ["result"] = "Success" }),
            Car("Car Cleaned", id), Car("Car Cleaned", id));

        var execution = await _client.ExecutionOfAsync("SecondHandCar", id, "FAILED");
        ((string)JsonNode.Parse((string)execution["cause"]!)!["state"]!).Should().Be("InPreparation");
    }

    [Fact]
    public async Task Given_a_duplicate_start_event_When_simulated_Then_no_second_execution_starts_and_the_run_goes_on()
    {
        const string id = "order-dup";
        await _client.SimulateAsync(Order("Order Placed", id), Order("Order Placed", id), Order("Order Confirmed", id),
            Order("Order Accepted", id), Order("Order Delivered", id));

        await _client.ExecutionOfAsync("MarketplaceOrder", id, "SUCCEEDED");
        var page = await _client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Choreography.MarketplaceOrder");
        page!["executions"]!.AsArray().Count(e => (string)e!["name"]! == id).Should().Be(1);
    }

    [Fact]
    public async Task Given_the_choreographies_When_listed_Then_both_examples_show_patterns_and_graphs()
    {
        var list = await _client.GetFromJsonAsync<JsonArray>("/choreography");

        list!.Select(c => (string)c!["name"]!).Should().Contain(["MarketplaceOrder", "SecondHandCar"]);
        var car = list!.Single(c => (string)c!["name"]! == "SecondHandCar")!;
        ((string)car["entityIdPath"]!).Should().Be("detail.id");
        ((string)car["graph"]!).Should().StartWith("stateDiagram-v2").And.Contain("state InPreparation {").And.Contain("OnSale --> ReadyForSale : Car Unpublished");
    }

    [Theory]
    [InlineData("""{"events":[]}""", "events")]
    [InlineData("""{"events":[{"source":"car","detail":{}}]}""", "events[0].detailType")]
    [InlineData("""{"events":[{"source":"car","detailType":"X","detail":[1]}]}""", "events[0].detail")]
    [InlineData("""{"events":[{"source":"car","detailType":"X","wait":"soon"}]}""", "events[0].wait")]
    [InlineData("""{"events":[{"source":"car","detailType":"X","wait":-1}]}""", "events[0].wait")]
    [InlineData("""{"seed":"no-such-seed"}""", "seed")]
    [InlineData("""not json""", "body")]
    public async Task Given_a_bad_simulation_When_started_Then_400_names_the_field(string body, string field)
    {
        var response = await _client.PostAsync(new Uri("/choreography/simulations", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!).Should().Be(field);
    }

    [Fact]
    public async Task Given_an_unknown_simulation_or_choreography_When_asked_Then_404()
    {
        (await _client.GetAsync(new Uri("/choreography/simulations/sim-nope", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.PostAsJsonAsync("/choreography/Nope/replay", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var seeds = await _client.GetFromJsonAsync<JsonArray>("/choreography/simulations/seeds");
        seeds!.Select(s => (string)s!).Should().BeEquivalentTo(
            ["marketplace-order-happy", "marketplace-order-unexpected", "second-hand-car-happy", "second-hand-car-unexpected"]);
    }
}
