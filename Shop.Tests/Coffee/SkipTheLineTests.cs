using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Coffee;

/// <summary>SCENARIOS §4: write the order, then (only then) the invoice file, then the notification.</summary>
public sealed class SkipTheLineTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public SkipTheLineTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private string InvoiceFolder => Path.Combine(_app.DataFolder, "invoices");

    private int InvoiceFiles => Directory.Exists(InvoiceFolder) ? Directory.GetFiles(InvoiceFolder, "*.json").Length : 0;

    private static object Order(string accountId = "acc-1", string vendorId = "station-cafe") => new
    {
        accountId,
        vendorId,
        items = new object[] { new { name = "Flat white", quantity = 2, unitPrice = 3.20m }, new { name = "Croissant", unitPrice = 2.10m } },
    };

    private async Task<HttpResponseMessage> PlaceAsync(object order) => await _client.PostAsJsonAsync("/skiptheline/orders", order);

    [Fact]
    public async Task Given_a_pre_order_When_placed_Then_the_order_invoice_file_and_notification_exist()
    {
        var response = await PlaceAsync(Order());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().Be("/skiptheline/orders/acc-1/station-cafe");
        var placed = (await response.Content.ReadFromJsonAsync<PreOrderPlacement>(JsonHttp.Options))!;
        var executionId = placed.ExecutionId;
        var orderId = placed.Order!.OrderId;
        await _client.WaitForStatusAsync(executionId, ExecutionStatus.Succeeded);

        var order = await _client.GetOkAsync<PreOrderDto>("/skiptheline/orders/acc-1/station-cafe");
        order.Status.Should().Be(PreOrderStatus.Invoiced);
        order.Total.Should().Be(8.50m);
        order.InvoiceId.Should().Be($"INV-{orderId}");

        // The invoice file as stored and served: its wire shape is the point, so it is read untyped.

        var invoice = JsonNode.Parse(await _client.GetStringAsync(new Uri("/skiptheline/orders/acc-1/station-cafe/invoice", UriKind.Relative)))!;
        ((string)invoice["orderId"]!).Should().Be(orderId);
        ((string)invoice["accountId"]!).Should().Be("acc-1");
        ((string)invoice["vendorId"]!).Should().Be("station-cafe");
        ((decimal)invoice["total"]!).Should().Be(8.50m);
        invoice["items"]!.AsArray().Select(i => ((string)i!["name"]!, (int)i["quantity"]!, (decimal)i["amount"]!))
            .Should().Equal(("Flat white", 2, 6.40m), ("Croissant", 1, 2.10m));
        File.Exists(Path.Combine(InvoiceFolder, $"INV-{orderId}.json")).Should().BeTrue("the invoice is stored as a file under the data folder");

        var notifications = (await _client.GetFromJsonAsync<JsonObject>("/events?detailType=PreOrderConfirmed"))!["items"]!.AsArray();
        notifications.Should().ContainSingle();
        ((string)notifications[0]!["eventDetail"]!["detail"]!["invoiceId"]!).Should().Be($"INV-{orderId}");
        (await _client.HistoryTypesAsync(executionId)).Where(t => t == "TaskStateEntered").Should().HaveCount(3);
    }

    [Fact]
    public async Task Given_an_active_order_When_a_second_is_placed_for_the_same_vendor_Then_409_and_no_second_invoice()
    {
        (await PlaceAsync(Order())).StatusCode.Should().Be(HttpStatusCode.Created);
        InvoiceFiles.Should().Be(1);

        var second = await PlaceAsync(Order());

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)problem["errorCode"]!).Should().Be("OrderAlreadyActive");
        var failed = await _client.DescribeAsync((string)problem["executionId"]!);
        ((string)failed["status"]!).Should().Be(ExecutionStatus.Failed);
        ((string)failed["currentState"]!).Should().Be("Write Order", "the workflow stopped at step 1");
        (await _client.HistoryTypesAsync((string)problem["executionId"]!)).Should().NotContain(t => t.Contains("Succeeded"));
        InvoiceFiles.Should().Be(1);
        (await _client.GetFromJsonAsync<JsonObject>("/events?detailType=PreOrderConfirmed"))!["items"]!.AsArray().Should().HaveCount(1);

        (await PlaceAsync(Order(vendorId: "other-vendor"))).StatusCode.Should().Be(HttpStatusCode.Created, "one active order per vendor, not per account");
        (await PlaceAsync(Order(accountId: "acc-2"))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Given_an_invoiced_order_When_picked_up_Then_it_is_removed_and_a_new_order_is_allowed()
    {
        (await PlaceAsync(Order())).StatusCode.Should().Be(HttpStatusCode.Created);
        var first = await _client.GetOkAsync<PreOrderDto>("/skiptheline/orders/acc-1/station-cafe");
        await WaitForInvoiceAsync();

        var pickup = await _client.PostAsync(new Uri("/skiptheline/orders/acc-1/station-cafe/pickup", UriKind.Relative), null);

        pickup.StatusCode.Should().Be(HttpStatusCode.OK, await pickup.Content.ReadAsStringAsync());
        (await pickup.Content.ReadFromJsonAsync<PreOrderDto>(JsonHttp.Options))!.Status.Should().Be(PreOrderStatus.PickedUp);
        (await _client.GetAsync(new Uri("/skiptheline/orders/acc-1/station-cafe", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync(new Uri("/skiptheline/orders/acc-1/station-cafe/invoice", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.PostAsync(new Uri("/skiptheline/orders/acc-1/station-cafe/pickup", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var again = await PlaceAsync(Order());
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        var second = (await again.Content.ReadFromJsonAsync<PreOrderPlacement>(JsonHttp.Options))!.Order!;
        second.OrderId.Should().NotBe(first.OrderId);
        await WaitForInvoiceAsync();
        InvoiceFiles.Should().Be(2, "each order has its own invoice; the first one's stays");
    }

    [Theory]
    [InlineData("""{"vendorId": "v", "items": ["Latte"]}""", "accountId")]
    [InlineData("""{"accountId": "../x", "vendorId": "v", "items": ["Latte"]}""", "accountId")]
    [InlineData("""{"accountId": "a", "vendorId": "v/w", "items": ["Latte"]}""", "vendorId")]
    [InlineData("""{"accountId": "a", "vendorId": "v", "items": []}""", "items")]
    [InlineData("""{"accountId": "a", "vendorId": "v", "items": "Latte"}""", "items")]
    [InlineData("""{"accountId": "a", "vendorId": "v", "items": [{"name": "Latte", "quantity": 0}]}""", "items[0].quantity")]
    [InlineData("""{"accountId": "a", "vendorId": "v", "items": ["Tea", {"name": "Latte", "unitPrice": "cheap"}]}""", "items[1].unitPrice")]
    [InlineData("""{"accountId": "a", "vendorId": "v", "items": [{"quantity": 1}]}""", "items[0].name")]
    [InlineData("""[1]""", "body")]
    public async Task Given_bad_input_When_placed_Then_400_names_the_field_and_nothing_starts(string body, string field)
    {
        var response = await _client.PostAsync(new Uri("/skiptheline/orders", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!).Should().Be(field);
        var executions = (await _client.GetFromJsonAsync<JsonObject>("/workflows/executions?workflow=SkipTheLine.PreOrder"))!["executions"]!.AsArray();
        executions.Should().BeEmpty();
    }

    private Task<PreOrderDto> WaitForInvoiceAsync() =>
        Eventually.UntilAsync(() => _client.GetOkAsync<PreOrderDto>("/skiptheline/orders/acc-1/station-cafe"),
            order => order.Status == PreOrderStatus.Invoiced, order => $"the order was never invoiced: {order}");
}
