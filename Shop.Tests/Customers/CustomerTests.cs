using System.Net;
using Shop.Modules.Customers.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Customers;

public sealed class CustomerTests : IDisposable
{
    private readonly ShopApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_the_seed_When_customer_1_is_described_Then_it_is_Buckingham_Palace()
    {
        var customer = await _app.CreateClient().GetOkAsync<CustomerDto>("/customer/describe/customer-1");

        customer.CustomerId.Should().Be("customer-1");
        customer.Name.Should().Be("Buckingham Palace");
        customer.Description.Should().Be("Customer 1");
        customer.Address.Should().Be("London SW1A 1AA, UK");
        customer.Email.Should().Contain("@");
    }

    [Fact]
    public async Task Given_a_customer_When_described_Then_every_field_is_shown()
    {
        var created = await ACustomer.LivingAt("Trafalgar Square, London WC2N 5DN, UK").Named("Nelson").CreateAsync(_app);

        var customer = await _app.CreateClient().GetOkAsync<CustomerDto>($"/customer/describe/{created.CustomerId}");

        customer.Should().Be(new CustomerDto(created.CustomerId, "A customer made by a test", "Nelson", $"{created.CustomerId}@example.com",
            "Trafalgar Square, London WC2N 5DN, UK"));
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
