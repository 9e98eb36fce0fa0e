using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Kernel.Rules;
using Shop.Tests.Orders.EventDriven;
using EventDrivenChoreography = Shop.Tests.Orders.EventDriven.Choreography;

namespace Shop.Tests.Kernel.Events;

/// <summary>Issue 13, point 1: one bad event or one failing handler is set aside; everything else flows.</summary>
public sealed class PoisonEventTests : IDisposable
{
    private readonly ShopApp _app;
    private readonly HttpClient _client;

    public PoisonEventTests()
    {
        _app = new ShopApp()
            .With("Events:MaxAttempts", "3")
            .WithServices(s => s.AddReaction<AlwaysFailing>("test.poison", "Poison"));
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_a_DeliveryEstimated_with_a_1e300_price_When_it_is_put_Then_ErrorPaymentMade_says_why_and_a_later_order_completes()
    {
        var detail = JsonNode.Parse("""{"customerId":"customer-1","orderId":"poison-1","item":{"itemId":"item-1","price":1e300},"delivery":{"price":5}}""")!.AsObject();
        await RuleTests.PutEventAsync(_client, "Delivery", "DeliveryEstimated", detail);
        await _app.SettleAsync();

        var error = (await _app.StoredEventsAsync("poison-1")).Select(e => e.Envelope()).Single(e => e.DetailType == "ErrorPaymentMade");
        error.Detail.Text("error", "message").Should().Contain("item.price").And.Contain("1e300");
        await EventDrivenOrderCompletesAsync();
    }

    [Theory]
    [InlineData("GET", "/events/dead?list=a:b")]
    [InlineData("POST", "/events/dead/redrive?list=a:b")]
    [InlineData("POST", "/events/dead/redrive?list=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Given_a_list_that_cannot_be_a_dead_letter_lists_name_When_asked_Then_400_names_the_field(string method, string url)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        ((string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]).Should().Be("list");
    }

    /// <summary>
    /// The engine's own child-ended event with members of the wrong type: ignored, never a dead delivery. Published as
    /// the engine does (PutEvents refuses <c>aws.</c> sources to callers, as EventBridge does).
    /// </summary>
    [Theory]
    [InlineData("""{"executionArn": 5, "status": "SUCCEEDED"}""")]
    [InlineData("""{"executionArn": "arn:aws:states:us-east-1:000000000000:execution:x:y", "status": {"a": 1}}""")]
    [InlineData("""{"executionArn": ["x"], "status": null}""")]
    public async Task Given_an_execution_status_change_with_members_of_the_wrong_type_When_put_Then_it_is_ignored_not_dead(string detail)
    {
        using (var scope = _app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IEventPublisher>()
                .PublishAsync("aws.states", "Step Functions Execution Status Change", JsonNode.Parse(detail)!.AsObject());
        await _app.SettleAsync();

        (await _client.GetFromJsonAsync<JsonArray>("/events/dead")).Should().BeEmpty();
    }

    [Fact]
    public async Task Given_a_handler_that_always_fails_When_its_event_is_put_Then_the_delivery_is_dead_listed_with_its_error_and_other_orders_complete()
    {
        await RuleTests.PutEventAsync(_client, "test.poison", "Poison", new JsonObject { ["orderId"] = "poison-2" });
        await _app.SettleAsync();

        var dead = await _client.GetFromJsonAsync<JsonArray>("/events/dead");
        dead.Should().ContainSingle();
        dead![0]!["subscriber"]!.GetValue<string>().Should().EndWith(nameof(AlwaysFailing));
        dead[0]!["attempts"]!.GetValue<int>().Should().Be(3);
        dead[0]!["error"]!.GetValue<string>().Should().Contain("the handler cannot take this event");
        await EventDrivenOrderCompletesAsync();

        var id = dead[0]!["id"]!.GetValue<long>();
        (await _client.PostAsync(new Uri($"/events/dead/{id}/retry", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await _app.SettleAsync();
        var again = await _client.GetFromJsonAsync<JsonArray>("/events/dead");
        again.Should().ContainSingle("the retry failed again and set it aside again");
        again![0]!["attempts"]!.GetValue<int>().Should().Be(3);

        (await _client.PostAsync(new Uri($"/events/dead/{id}/dismiss", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _client.GetFromJsonAsync<JsonArray>("/events/dead")).Should().BeEmpty();
        (await _client.PostAsync(new Uri($"/events/dead/{id}/dismiss", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task EventDrivenOrderCompletesAsync()
    {
        var orderId = await _client.CreateOrderAsync("customer-1", "item-1");
        await _app.SettleAsync();
        await _app.PutEventAsync("Logistics", "Delivered", EventDrivenChoreography.OrderKey("customer-1", orderId));
        await _app.SettleAsync();
        var order = await _client.GetJsonAsync($"/order/describe/customer-1/{orderId}");
        order.Text("status").Should().Be(OrderStatus.Delivered);
    }

    private sealed class AlwaysFailing : IEventHandler
    {
        public ValueTask Handle(EventReceived notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the handler cannot take this event");
    }
}
