using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.Describe;

internal sealed class DescribeOrderHandler(OrdersSql sql) : IRequestHandler<DescribeOrder, OrderDto>
{
    public ValueTask<OrderDto> Handle(DescribeOrder request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var orderId = Require.Id(request.OrderId, "orderId");
        return ValueTask.FromResult(sql.Order(customerId, orderId) ?? throw OrderRules.NotFound(customerId, orderId));
    }
}
