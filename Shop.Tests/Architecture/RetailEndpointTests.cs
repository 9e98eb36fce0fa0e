using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Architecture;

public sealed class RetailEndpointTests
{
    private static readonly string[] StateChanging =
    [
        "/inventory/reserve/{itemId}", "/inventory/unreserve/{itemId}", "/inventory/remove/{itemId}", "/inventory/return/{itemId}",
        "/payment/pay/{amount}", "/payment/cancel/{paymentId}",
        "/delivery/start/{customerId}/{orderId}/{address}", "/delivery/cancel/{customerId}/{orderId}",
        "/delivery/delivered/{customerId}/{orderId}", "/admin/reload",
    ];

    private static readonly string[] ReadOnly =
    [
        "/customer/describe/{customerId}", "/inventory/describe/{itemId}", "/payment/describe/{paymentId}",
        "/delivery/describe/{customerId}/{orderId}", "/delivery/estimate/{address}", "/order/describe/{customerId}/{orderId}",
    ];

    [Fact]
    public void Given_the_retail_operations_Then_exactly_the_state_changing_ones_are_marked_mutating()
    {
        using var app = new ShopApp();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Several methods may share a path (GET and POST /events): a path counts as marked when any of its endpoints is.
            .GroupBy(e => e.RoutePattern.RawText!)
            .ToDictionary(g => g.Key, g => g.Any(e => e.Metadata.GetMetadata<MutatingEndpointMetadata>() is not null));

        foreach (var path in StateChanging) endpoints.Should().Contain(path, true, "{0} changes state", path);
        foreach (var path in ReadOnly) endpoints.Should().Contain(path, false, "{0} only reads", path);
    }
}
