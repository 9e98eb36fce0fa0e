using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;

namespace Shop.Modules.SkipTheLine.ReadInvoice;

internal sealed class ReadPreOrderInvoiceHandler(SkipTheLineDbContext db, DatabaseSettings storage) : IRequestHandler<ReadPreOrderInvoice, PreOrderInvoice>
{
    public async ValueTask<PreOrderInvoice> Handle(ReadPreOrderInvoice request, CancellationToken cancellationToken)
    {
        var order = await db.FindOrderAsync(Require.Id(request.AccountId, "accountId"), Require.Id(request.VendorId, "vendorId"), cancellationToken);
        var invoice = order.InvoiceId is null ? null : await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.InvoiceId == order.InvoiceId, cancellationToken);
        if (invoice is null)
            throw new NotFoundException("Invoice", $"{order.AccountId}/{order.VendorId}") { ErrorCode = PreOrderErrors.InvoiceNotReady };
        var content = await File.ReadAllTextAsync(Require.PathUnder(storage.DataFolder, invoice.File, "invoice"), cancellationToken);
        return new PreOrderInvoice(invoice.InvoiceId, invoice.OrderId, content);
    }
}
