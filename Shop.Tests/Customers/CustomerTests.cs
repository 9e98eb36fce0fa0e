using System.Net;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Customers;

public sealed class CustomerTests : IDisposable
{
    private readonly ShopApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_the_seed_When_customer_1_is_described_Then_it_is_Buckingham_Palace()
    {
        var reply = await _app.CreateClient().GetJsonAsync("/customer/describe/customer-1");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.Text("customerId").Should().Be("customer-1");
        reply.Text("name").Should().Be("Buckingham Palace");
        reply.Text("description").Should().Be("Customer 1");
        reply.Text("address").Should().Be("London SW1A 1AA, UK");
        reply.Text("email").Should().Contain("@");
    }

    [Fact]
    public async Task Given_an_unknown_customer_When_described_Then_404_with_error_code()
    {
        var reply = await _app.CreateClient().GetJsonAsync("/customer/describe/customer-999");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Text("errorCode").Should().Be("CustomerNotFound");
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("%F0%9F%98%80")]
    public async Task Given_a_malformed_customer_id_When_described_Then_400_naming_the_field(string id)
    {
        var reply = await _app.CreateClient().GetJsonAsync($"/customer/describe/{id}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("customerId");
    }

    [Fact]
    public async Task Given_a_huge_customer_id_When_described_Then_400()
    {
        var reply = await _app.CreateClient().GetJsonAsync($"/customer/describe/{new string('c', 5000)}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("customerId");
    }
}
