using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.Write;

internal sealed class WriteOrderHandler(OrdersDbContext db, UnitOfWork unitOfWork, TimeProvider clock) : IRequestHandler<WriteOrder, OrderDto>
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

        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var now = clock.GetUtcNow();
            var order = await db.Orders.FirstOrDefaultAsync(o => o.CustomerId == customerId && o.OrderId == orderId, ct);
            if (order is null)
            {
                order = new Order { CustomerId = customerId, OrderId = orderId, ItemId = itemId, Status = status, Mode = mode, CreatedAt = now };
                db.Orders.Add(order);
            }
            order.ItemId = itemId;
            order.Status = status;
            order.Mode = mode;
            order.ItemPrice = itemPrice;
            order.DeliveryPrice = deliveryPrice;
            order.Total = total;
            order.PaymentId = paymentId;
            order.DeliveryAddress = address;
            order.ExecutionId = executionId;
            order.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return order.ToDto();
        }, cancellationToken);
    }
}
