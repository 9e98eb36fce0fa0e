using System.Net;
using System.Net.Http.Json;
using System.Text;
using static Shop.Tests.Orders.Orchestrated.OrchestratedOrderExpectations;

namespace Shop.Tests.Orders.Orchestrated;

/// <summary>POST /order refuses a bad or unknown request before anything starts.</summary>
public sealed class OrchestratedOrderInputTests
{
    [Theory]
    [InlineData("{\"itemId\":\"item-1\"}", "customerId")]
    [InlineData("{\"customerId\":\"customer-1\"}", "itemId")]
    [InlineData("{\"customerId\":\"customer 1\",\"itemId\":\"item-1\"}", "customerId")]
    [InlineData("{\"customerId\":\"customer-1\",\"itemId\":7}", "itemId")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"customerId\":", "body")]
    [InlineData("", "body")]
    public async Task Given_a_bad_body_When_posted_Then_400_naming_the_field_and_nothing_starts(string body, string field)
    {
        using var shop = new OrchestratedOrderDriver();
        var response = await shop.Client.PostAsync("/order", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        ((string)problem!["field"]!).Should().Be(field);
        await ShouldHaveNoExecutions(shop);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Given_an_unknown_customer_or_item_When_posted_Then_404_and_nothing_starts(bool customerKnown, bool itemKnown)
    {
        using var shop = new OrchestratedOrderDriver();
        var (customer, item) = await shop.GivenAsync();
        var customerId = customerKnown ? customer.CustomerId : "customer-unknown";
        var itemId = itemKnown ? item.ItemId : "item-unknown";
        var response = await shop.Client.PostAsJsonAsync("/order", new { customerId, itemId });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ShouldHaveNoExecutions(shop);
    }
}
