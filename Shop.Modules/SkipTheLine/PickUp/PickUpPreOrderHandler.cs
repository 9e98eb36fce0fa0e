using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;

namespace Shop.Modules.SkipTheLine.PickUp;

/// <summary>Like a shopping cart, a picked-up order is removed (its invoice stays, marked picked up); PreOrderPickedUp says so.</summary>
internal sealed class PickUpPreOrderHandler(SkipTheLineDbContext db, UnitOfWork unitOfWork, IEventPublisher events, TimeProvider clock)
    : IRequestHandler<PickUpPreOrder, PreOrderDto>
{
    public async ValueTask<PreOrderDto> Handle(PickUpPreOrder request, CancellationToken cancellationToken)
    {
        var accountId = Require.Id(request.AccountId, "accountId");
        var vendorId = Require.Id(request.VendorId, "vendorId");
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var order = await db.FindOrderAsync(accountId, vendorId, ct);
            // Picked up before its invoice exists, the running workflow would find no order to invoice.
            if (order.InvoiceId is null)
                throw new ConflictException("Order not ready", $"The order {order.OrderId} has no invoice yet; try again in a moment.")
                {
                    ErrorCode = PreOrderErrors.InvoiceNotReady,
                };
            var now = clock.GetUtcNow();
            var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.InvoiceId == order.InvoiceId, ct);
            if (invoice is not null) invoice.PickedUpAt = now;
            db.Orders.Remove(order);
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(PreOrderEvents.Source, PreOrderEvents.PreOrderPickedUp, new JsonObject
            {
                ["orderId"] = order.OrderId,
                ["accountId"] = order.AccountId,
                ["vendorId"] = order.VendorId,
                ["invoiceId"] = order.InvoiceId,
            }, cancellationToken: ct);
            return order.ToDto(PreOrderStatus.PickedUp);
        }, cancellationToken);
    }
}
