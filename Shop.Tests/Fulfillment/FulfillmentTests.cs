using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Fulfillment;

public sealed class FulfillmentTests : IClassFixture<FulfillmentTests.App>
{
    private readonly HttpClient _client;
    private readonly App _app;

    public FulfillmentTests(App app) => (_app, _client) = (app, app.CreateClient());

    public sealed class App : IDisposable
    {
        private readonly ShopApp _app = new();

        public HttpClient CreateClient() => _app.CreateClient();

        public IServiceProvider Services => _app.Services;

        public void Dispose() => _app.Dispose();
    }

    private async Task<JsonObject> StartAsync(JsonObject input)
    {
        var response = await _client.PostAsJsonAsync("/fulfillment", input);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The processing execution the rule started, found by its name (the order id).</summary>
    private async Task<JsonObject> ProcessingOutputAsync(string orderId)
    {
        for (var i = 0; i < 400; i++)
        {
            var page = await _client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Fulfillment.Processing");
            var execution = page!["executions"]!.AsArray().FirstOrDefault(e => (string)e!["name"]! == orderId);
            if (execution is not null)
            {
                var done = await _client.WaitForStatusAsync((string)execution["executionId"]!, "SUCCEEDED");
                return done["output"]!.AsObject();
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"No processing execution for {orderId}.");
    }

    [Fact]
    public async Task Given_a_credit_card_and_a_1P_order_When_fulfilled_Then_the_rule_starts_processing_which_ships_from_the_region_warehouse()
    {
        var started = await StartAsync(new JsonObject
        {
            ["paymentInstrumentType"] = "creditCard", ["orderId"] = "ful-1p", ["sellerType"] = "1P", ["shippingRegion"] = "north",
            ["items"] = new JsonArray(new JsonObject { ["sku"] = "book-1", ["quantity"] = 2, ["unitPrice"] = 12.5 }),
        });

        var first = await _client.WaitForStatusAsync((string)started["executionId"]!, "SUCCEEDED");
        ((bool)first["output"]!["paymentAuthorized"]!).Should().BeTrue();
        var events = await _client.GetFromJsonAsync<JsonObject>("/events?detailType=PaymentAuthorizationIsDone");
        var detail = events!["items"]!.AsArray().Select(i => i!["eventDetail"]!["detail"]!).Single(d => (string)d["orderId"]! == "ful-1p");
        ((bool)detail["paymentAuthorized"]!).Should().BeTrue();
        ((string)detail["shippingRegion"]!).Should().Be("north");

        var answer = await ProcessingOutputAsync("ful-1p");
        ((bool)answer["receivableSecured"]!).Should().BeTrue();
        ((string)answer["paymentInstrument"]!).Should().Be("creditCard");
        ((string)answer["sellerType"]!).Should().Be("1P");
        ((string)answer["shipFromWarehouse"]!).Should().Be("WH-HAMBURG");
        ((string)answer["fulfilledBy"]!).Should().Be("shop");
        answer["sellerFee"].Should().BeNull();
        var invoices = answer["invoices"]!.AsArray();
        invoices.Select(i => (string)i!["type"]!).Should().Equal("customer");
        ((decimal)invoices[0]!["amount"]!).Should().Be(25m);
    }

    [Fact]
    public async Task Given_a_credit_card_and_a_3P_order_fulfilled_by_the_shop_When_fulfilled_Then_the_seller_is_charged_the_stated_fee_and_two_invoices_are_made()
    {
        await StartAsync(new JsonObject
        {
            ["paymentInstrumentType"] = "creditCard", ["orderId"] = "ful-3p", ["sellerType"] = "3P", ["sellerId"] = "seller-9",
            ["fulfilledBy"] = "shop",
            ["items"] = new JsonArray(new JsonObject { ["sku"] = "lamp", ["quantity"] = 2, ["unitPrice"] = 50 }),
        });

        var answer = await ProcessingOutputAsync("ful-3p");
        ((string)answer["sellerType"]!).Should().Be("3P");
        ((string)answer["sellerId"]!).Should().Be("seller-9");
        answer["shipFromWarehouse"].Should().BeNull();
        ((string)answer["fulfilledBy"]!).Should().Be("shop");
        ((decimal)answer["sellerFee"]!["referralFee"]!).Should().Be(10m);
        ((decimal)answer["sellerFee"]!["fulfillmentFee"]!).Should().Be(5m);
        ((decimal)answer["sellerFee"]!["total"]!).Should().Be(15m);
        var invoices = answer["invoices"]!.AsArray();
        invoices.Select(i => (string)i!["type"]!).Should().Equal("customer", "seller-fee");
        ((string)invoices[1]!["to"]!).Should().Be("seller-9");
        ((decimal)invoices[1]!["amount"]!).Should().Be(15m);
    }

    [Fact]
    public async Task Given_a_3P_order_fulfilled_by_the_seller_without_items_When_fulfilled_Then_the_minimum_fee_applies()
    {
        await StartAsync(new JsonObject { ["paymentInstrumentType"] = "creditCard", ["orderId"] = "ful-3p-min", ["sellerType"] = "3P", ["sellerId"] = "s-1" });

        var answer = await ProcessingOutputAsync("ful-3p-min");
        ((string)answer["fulfilledBy"]!).Should().Be("seller");
        ((decimal)answer["sellerFee"]!["total"]!).Should().Be(1m);
    }

    [Fact]
    public async Task Given_no_credit_card_When_fulfilled_Then_the_execution_fails_with_payment_authorization_failed_and_nothing_follows()
    {
        var started = await StartAsync(new JsonObject { ["paymentInstrumentType"] = "paypal", ["orderId"] = "ful-paypal" });

        var failed = await _client.WaitForStatusAsync((string)started["executionId"]!, "FAILED");
        ((string)failed["error"]!).Should().Be("PaymentAuthorizationFailed");
        ((string)failed["cause"]!).Should().StartWith("Payment Authorization Failed");
        await Eventually.IdleAsync(_app.Services);
        var events = await _client.GetFromJsonAsync<JsonObject>("/events?detailType=PaymentAuthorizationIsDone");
        events!["items"]!.AsArray().Should().NotContain(i => (string)i!["eventDetail"]!["detail"]!["orderId"]! == "ful-paypal");
        var processing = await _client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=Fulfillment.Processing");
        processing!["executions"]!.AsArray().Should().NotContain(e => (string)e!["name"]! == "ful-paypal");
    }

    /// <summary>Seed 002, Step#5 "Test": the request body exactly as the seed prints it (StartExecution's shape).</summary>
    [Fact]
    public async Task Given_the_seeds_test_body_with_input_as_a_string_and_a_state_machine_arn_When_posted_Then_the_payment_is_authorized()
    {
        const string seedBody = """
            {
               "input": "{\"paymentInstrumentType\":\"creditCard\"}",
               "stateMachineArn": "arn:aws:states:us-east-2:231418552723:stateMachine:demo"
            }
            """;
        var response = await _client.PostAsync(new Uri("/fulfillment", UriKind.Relative), new StringContent(seedBody, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var started = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var done = await _client.WaitForStatusAsync((string)started["executionId"]!, "SUCCEEDED");
        ((string)done["output"]!["paymentInstrumentType"]!).Should().Be("creditCard");
        ((bool)done["output"]!["paymentAuthorized"]!).Should().BeTrue();
    }

    [Fact]
    public async Task Given_the_start_execution_shape_with_a_name_When_posted_Then_the_execution_and_the_order_carry_that_name()
    {
        var body = new JsonObject
        {
            ["input"] = """{"paymentInstrumentType":"creditCard"}""",
            ["stateMachineArn"] = "arn:aws:states:us-east-2:231418552723:stateMachine:demo",
            ["name"] = "ful-named",
        };

        var started = await StartAsync(body);

        ((string)started["name"]!).Should().Be("ful-named");
        var answer = await ProcessingOutputAsync("ful-named");
        answer.Should().NotBeNull();
    }

    [Theory]
    [InlineData("""{"input":"{}","stateMachineArn":"demo"}""", "stateMachineArn")]
    [InlineData("""{"input":"{}","stateMachineArn":"arn:aws:events:us-east-2:1:rule/demo"}""", "stateMachineArn")]
    [InlineData("""{"input":"{}","name":"has space"}""", "name")]
    [InlineData("""{"input":"{}","paymentInstrumentType":"creditCard"}""", "paymentInstrumentType")]
    [InlineData("""{"input":"not json"}""", "input")]
    public async Task Given_a_bad_start_execution_body_When_posted_Then_400_names_the_member(string body, string field)
    {
        var response = await _client.PostAsync(new Uri("/fulfillment", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!).Should().Be(field);
    }

    [Theory]
    [InlineData("""{"paymentInstrumentType":"creditCard","sellerType":"2P"}""", "sellerType")]
    [InlineData("""{"paymentInstrumentType":7}""", "paymentInstrumentType")]
    [InlineData("""{"orderId":"has space"}""", "orderId")]
    [InlineData("""{"items":[{"sku":"a","quantity":0,"unitPrice":1}]}""", "items[0].quantity")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"fulfilledBy":"robot"}""", "fulfilledBy")]
    public async Task Given_bad_input_When_fulfillment_is_started_Then_400_names_the_field(string body, string field)
    {
        var response = await _client.PostAsync(new Uri("/fulfillment", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)problem["field"]!).Should().Be(field);
    }
}
