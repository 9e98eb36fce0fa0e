using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;

namespace Shop.Modules.SkipTheLine.PreOrder;

/// <summary>Step 2: the invoice file under the data folder plus its record; the order becomes invoiced.</summary>
internal sealed record GenerateInvoice(string AccountId, string VendorId, string OrderId) : IRequest<InvoiceInfo>;

internal sealed record InvoiceInfo(string InvoiceId, string OrderId, string File, decimal Total, DateTimeOffset CreatedAt);

internal sealed class GenerateInvoiceHandler(SkipTheLineDbContext db, UnitOfWork unitOfWork, DatabaseSettings storage, TimeProvider clock)
    : IRequestHandler<GenerateInvoice, InvoiceInfo>
{
    public const string InvoiceFolder = "invoices";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async ValueTask<InvoiceInfo> Handle(GenerateInvoice request, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var order = await db.FindOrderAsync(request.AccountId, request.VendorId, ct);
            if (order.OrderId != request.OrderId) throw new NotFoundException("Pre-order", request.OrderId) { ErrorCode = PreOrderErrors.PreOrderNotFound };
            var now = clock.GetUtcNow();
            // Named after our own order id only: account and vendor ids never become paths.
            var invoiceId = $"INV-{order.OrderId}";
            var file = $"{InvoiceFolder}/{invoiceId}.json";

            // A file is not part of the transaction. A rolled-back step leaves at most a file without a record,
            // which the retry (same name) overwrites; the record is what counts.
            await WriteAtomicallyAsync(Require.PathUnder(Path.Combine(storage.DataFolder, InvoiceFolder), $"{Require.Id(invoiceId, "orderId")}.json", "orderId"),
                InvoiceJson(order, invoiceId, now), ct);

            var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.InvoiceId == invoiceId, ct);
            if (invoice is null)
            {
                invoice = new Invoice
                {
                    InvoiceId = invoiceId,
                    OrderId = order.OrderId,
                    AccountId = order.AccountId,
                    VendorId = order.VendorId,
                    File = file,
                    Total = order.Total,
                    CreatedAt = now,
                };
                db.Invoices.Add(invoice);
            }
            order.InvoiceId = invoiceId;
            order.Status = PreOrderStatus.Invoiced;
            order.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new InvoiceInfo(invoiceId, order.OrderId, file, invoice.Total, invoice.CreatedAt);
        }, cancellationToken);

    private static string InvoiceJson(Data.PreOrder order, string invoiceId, DateTimeOffset issuedAt) =>
        new JsonObject
        {
            ["invoiceId"] = invoiceId,
            ["orderId"] = order.OrderId,
            ["accountId"] = order.AccountId,
            ["vendorId"] = order.VendorId,
            ["issuedAt"] = ModelConventions.UtcTextConverter.Format(issuedAt),
            ["items"] = new JsonArray(order.ItemList.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["quantity"] = i.Quantity,
                ["unitPrice"] = i.UnitPrice,
                ["amount"] = i.Quantity * (i.UnitPrice ?? 0m),
            }).ToArray()),
            ["total"] = order.Total,
        }.ToJsonString(Indented);

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, ct);
        File.Move(temp, path, overwrite: true);
    }
}
