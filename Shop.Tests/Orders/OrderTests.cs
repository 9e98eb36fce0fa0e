using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Orders;

public sealed class OrderTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly ShopApp _app;
    private readonly HttpClient _client;

    public OrderTests()
    {
        _app = new ShopApp().WithClock(_clock);
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    /// <summary>The order flows send these requests; there is no HTTP operation that writes an order directly.</summary>
    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static WriteOrder Delivering(string orderId = "order-1") => new("customer-1", orderId, "item-1", OrderStatus.Delivering,
        OrderMode.Orchestrated, ItemPrice: 399.99m, DeliveryPrice: 6.96m, PaymentId: "pay-1", DeliveryAddress: "London SW1A 1AA, UK",
        ExecutionId: "exec-1");

    [Fact]
    public async Task Given_a_written_order_When_described_Then_every_field_is_shown()
    {
        await SendAsync(Delivering());

        var reply = await _client.GetJsonAsync("/order/describe/customer-1/order-1");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.Text("customerId").Should().Be("customer-1");
        reply.Text("orderId").Should().Be("order-1");
        reply.Text("itemId").Should().Be("item-1");
        reply.Text("status").Should().Be("DELIVERING");
        reply.Text("mode").Should().Be("orchestrated");
        reply.Decimal("itemPrice").Should().Be(399.99m);
        reply.Decimal("deliveryPrice").Should().Be(6.96m);
        reply.Decimal("total").Should().Be(406.95m);
        reply.Text("paymentId").Should().Be("pay-1");
        reply.Text("deliveryAddress").Should().Be("London SW1A 1AA, UK");
        reply.Text("executionId").Should().Be("exec-1");
        reply.Body.GetProperty("createdAt").GetDateTimeOffset().Should().Be(_clock.GetUtcNow());
        reply.Body.GetProperty("updatedAt").GetDateTimeOffset().Should().Be(_clock.GetUtcNow());
    }

    [Fact]
    public async Task Given_an_order_When_written_again_Then_it_is_overwritten_and_keeps_its_creation_time()
    {
        var created = await SendAsync(new WriteOrder("customer-1", "order-1", "item-1", OrderStatus.Created, OrderMode.EventDriven));
        _clock.Advance(TimeSpan.FromMinutes(1));

        var written = await SendAsync(Delivering() with { Mode = OrderMode.EventDriven, Total = 500m });

        written.CreatedAt.Should().Be(created.CreatedAt);
        written.UpdatedAt.Should().Be(created.CreatedAt.AddMinutes(1));
        written.Status.Should().Be(OrderStatus.Delivering);
        written.Total.Should().Be(500m, "an explicit total wins over the sum");
        (await _client.GetJsonAsync("/order/describe/customer-1/order-1")).Text("mode").Should().Be("event-driven");
    }

    [Fact]
    public async Task Given_an_order_When_its_status_is_updated_Then_describe_shows_it()
    {
        await SendAsync(Delivering());
        _clock.Advance(TimeSpan.FromSeconds(5));

        var updated = await SendAsync(new UpdateOrderStatus("customer-1", "order-1", OrderStatus.Delivered));

        updated.Status.Should().Be(OrderStatus.Delivered);
        updated.UpdatedAt.Should().Be(updated.CreatedAt.AddSeconds(5));
        (await _client.GetJsonAsync("/order/describe/customer-1/order-1")).Text("status").Should().Be("DELIVERED");
    }

    [Fact]
    public async Task Given_no_order_When_its_status_is_updated_Then_not_found_with_error_code()
    {
        var act = () => SendAsync(new UpdateOrderStatus("customer-1", "order-404", OrderStatus.Delivered));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.ErrorCode.Should().Be(OrderErrors.OrderNotFound);
    }

    [Theory]
    [InlineData("SHIPPED", "orchestrated", "status")]
    [InlineData("DELIVERING", "magic", "mode")]
    public async Task Given_an_unknown_status_or_mode_When_written_Then_invalid_input_naming_it(string status, string mode, string field)
    {
        var act = () => SendAsync(Delivering() with { Status = status, Mode = mode });

        (await act.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be(field);
    }

    [Fact]
    public async Task Given_an_unknown_order_When_described_Then_404()
    {
        var reply = await _client.GetJsonAsync("/order/describe/customer-1/order-404");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Text("errorCode").Should().Be(OrderErrors.OrderNotFound);
    }

    [Theory]
    [InlineData("/order/describe/customer%201/order-1", "customerId")]
    [InlineData("/order/describe/customer-1/%3Cscript%3E", "orderId")]
    public async Task Given_malformed_ids_When_described_Then_400_naming_the_field(string path, string field)
    {
        var reply = await _client.GetJsonAsync(path);

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be(field);
    }
}
