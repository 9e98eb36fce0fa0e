using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.Write;

internal sealed class WriteOrderHandler(OrdersSql sql, UnitOfWork unitOfWork, TimeProvider clock) : IRequestHandler<WriteOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(WriteOrder request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var orderId = Require.Id(request.OrderId, "orderId");
        var itemId = Require.Id(request.ItemId, "itemId");
        var status = OrderRules.Status(request.Status);
        var mode = OrderRules.Mode(request.Mode);
        var itemPrice = OrderRules.Money(request.ItemPrice, "itemPrice");
        var deliveryPrice = OrderRules.Money(request.DeliveryPrice, "deliveryPrice");
        var total = OrderRules.Money(request.Total ?? itemPrice + deliveryPrice, "total");
        var paymentId = request.PaymentId is null ? null : Require.Id(request.PaymentId, "paymentId");
        var address = request.DeliveryAddress is null ? null : Require.Text(request.DeliveryAddress, "deliveryAddress", 200);
        var executionId = request.ExecutionId is null ? null : Require.Text(request.ExecutionId, "executionId", 200);

        // One upsert: an existing order keeps its creation time, which the statement returns.
        return await unitOfWork.ExecuteAsync(_ =>
        {
            var now = clock.GetUtcNow();
            var order = new OrderDto(customerId, orderId, itemId, status, mode, itemPrice, deliveryPrice, total, paymentId, address, executionId, now, now);
            return Task.FromResult(order with { CreatedAt = sql.WriteOrder(order) });
        }, cancellationToken);
    }
}
