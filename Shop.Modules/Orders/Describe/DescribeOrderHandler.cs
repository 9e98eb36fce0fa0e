using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.Describe;

internal sealed class DescribeOrderHandler(OrdersDbContext db) : IRequestHandler<DescribeOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(DescribeOrder request, CancellationToken cancellationToken) =>
        (await db.FindAsync(Require.Id(request.CustomerId, "customerId"), Require.Id(request.OrderId, "orderId"), cancellationToken)).ToDto();
}
