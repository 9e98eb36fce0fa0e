using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Describe;

internal sealed class DescribeDeliveryHandler(DeliverySql sql) : IRequestHandler<DescribeDelivery, DeliveryDto>
{
    public ValueTask<DeliveryDto> Handle(DescribeDelivery request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var orderId = Require.Id(request.OrderId, "orderId");
        return ValueTask.FromResult(sql.Delivery(customerId, orderId, cancellationToken) ?? throw DeliveryOutcome.NotFound(customerId, orderId));
    }
}
