using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.UpdateStatus;

internal sealed class UpdateOrderStatusHandler(OrdersSql sql, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<UpdateOrderStatus, OrderDto>
{
    public async ValueTask<OrderDto> Handle(UpdateOrderStatus request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var orderId = Require.Id(request.OrderId, "orderId");
        var status = OrderRules.Status(request.Status);
        return await unitOfWork.ExecuteAsync(_ => Task.FromResult(
            sql.SetStatus(customerId, orderId, status, clock.GetUtcNow()) ?? throw OrderRules.NotFound(customerId, orderId)), cancellationToken);
    }
}
