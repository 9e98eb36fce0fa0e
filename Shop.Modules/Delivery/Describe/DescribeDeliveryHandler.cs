using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Describe;

internal sealed class DescribeDeliveryHandler(DeliveryDbContext db) : IRequestHandler<DescribeDelivery, DeliveryDto>
{
    public async ValueTask<DeliveryDto> Handle(DescribeDelivery request, CancellationToken cancellationToken) =>
        (await db.FindAsync(Require.Id(request.CustomerId, "customerId"), Require.Id(request.OrderId, "orderId"), cancellationToken)).ToDto();
}
