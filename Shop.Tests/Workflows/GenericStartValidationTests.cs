using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>
/// Issue 13, "ids are checked where they are used": the generic start (<c>POST /workflows/{name}/executions</c>) and
/// Step Functions' StartExecution refuse, for every C# workflow with its own endpoint, what that endpoint refuses,
/// before any execution exists.
/// </summary>
public sealed class GenericStartValidationTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public GenericStartValidationTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    /// <summary>(workflow, an input its own endpoint would refuse, the field the 400 names)</summary>
    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "Orders.PlaceOrder", """{"customerId":"customer-1","itemId":"item-1","orderId":"x/../../../escaped"}""", "orderId" },
        { "Orders.PlaceOrder", """{"customerId":["customer-1"],"itemId":"item-1","orderId":"o-1"}""", "customerId" },
        { "Orders.PlaceOrder", "[]", "input" },
        { "Coffee.OrderProcessing", """{"detail":{"orderId":"../up","userId":"u","drink":"tea"}}""", "orderId" },
        { "Coffee.OrderProcessing", """{"detail":"tea"}""", "detail" },
        { "SkipTheLine.PreOrder", """{"orderId":"x/../../../escaped","accountId":"a-1","vendorId":"v-1","items":[{"name":"tea","quantity":1}]}""", "orderId" },
        { "Fulfillment.Fulfillment", """{"orderId":"a/b","paymentInstrumentType":"creditCard"}""", "orderId" },
        { "Fulfillment.Fulfillment", """{"sellerType":"9P"}""", "sellerType" },
        { "Fulfillment.Processing", """{"Input":{"items":[{"sku":"../x","quantity":1,"unitPrice":1}]}}""", "items[0].sku" },
        { "WorkflowSimulation", """{"events":[]}""", "events" },
        { "WorkflowSimulation", """{"events":[{"source":"s","detailType":"d","detail":[]}]}""", "events[0].detail" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Given_an_input_the_workflows_endpoint_refuses_When_started_generically_Then_400_naming_the_field_and_no_execution(
        string workflow, string input, string field)
    {
        var response = await _client.PostAsync(new Uri($"/workflows/{workflow}/executions", UriKind.Relative),
            new StringContent($$"""{"name":"bad-1","input":{{input}}}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["field"]!.GetValue<string>().Should().Be(field);
        (await _client.GetFromJsonAsync<JsonObject>(new Uri($"/workflows/executions?workflow={workflow}", UriKind.Relative)))!
            ["executions"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Given_an_input_the_workflows_endpoint_refuses_When_StartExecution_is_called_Then_InvalidExecutionInput_and_no_execution(
        string workflow, string input, string field)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(new JsonObject
            {
                ["stateMachineArn"] = $"arn:aws:states:us-east-1:000000000000:stateMachine:{workflow}",
                ["name"] = "bad-1",
                ["input"] = input,
            }.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.StartExecution");

        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["__type"]!.GetValue<string>().Should().Be("InvalidExecutionInput");
        body["message"]!.GetValue<string>().Should().Contain(field);
        (await _client.GetFromJsonAsync<JsonObject>(new Uri($"/workflows/executions?workflow={workflow}", UriKind.Relative)))!
            ["executions"]!.AsArray().Should().BeEmpty();
    }
}
