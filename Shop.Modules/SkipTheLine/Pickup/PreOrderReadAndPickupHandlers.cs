using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;

namespace Shop.Modules.SkipTheLine.Pickup;

internal sealed class PreOrderReadAndPickupHandlers(SkipTheLineDbContext db, UnitOfWork unitOfWork, DatabaseSettings storage,
    IEventPublisher events, TimeProvider clock)
    : IRequestHandler<DescribePreOrder, PreOrderDto>, IRequestHandler<ReadPreOrderInvoice, PreOrderInvoice>, IRequestHandler<PickUpPreOrder, PreOrderDto>
{
    public async ValueTask<PreOrderDto> Handle(DescribePreOrder request, CancellationToken cancellationToken) =>
        (await db.FindOrderAsync(Require.Id(request.AccountId, "accountId"), Require.Id(request.VendorId, "vendorId"), cancellationToken)).ToDto();

    public async ValueTask<PreOrderInvoice> Handle(ReadPreOrderInvoice request, CancellationToken cancellationToken)
    {
        var order = await db.FindOrderAsync(Require.Id(request.AccountId, "accountId"), Require.Id(request.VendorId, "vendorId"), cancellationToken);
        var invoice = order.InvoiceId is null ? null : await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.InvoiceId == order.InvoiceId, cancellationToken);
        if (invoice is null)
            throw new NotFoundException("Invoice", $"{order.AccountId}/{order.VendorId}") { ErrorCode = PreOrderErrors.InvoiceNotReady };
        var content = await File.ReadAllTextAsync(Require.PathUnder(storage.DataFolder, invoice.File, "invoice"), cancellationToken);
        return new PreOrderInvoice(invoice.InvoiceId, invoice.OrderId, content);
    }

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
