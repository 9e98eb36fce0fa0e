using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;

namespace Shop.Modules.SkipTheLine.PreOrder;

/// <summary>Step 1: the order row; a second active order for the account and vendor is a 409 OrderAlreadyActive.</summary>
internal sealed record WritePreOrder(string OrderId, string AccountId, string VendorId, IReadOnlyList<PreOrderItem> Items, string ExecutionId)
    : IRequest<PreOrderDto>;

/// <summary>Step 2: the invoice file under the data folder plus its record; the order becomes invoiced.</summary>
internal sealed record GenerateInvoice(string AccountId, string VendorId, string OrderId) : IRequest<InvoiceInfo>;

internal sealed record InvoiceInfo(string InvoiceId, string OrderId, string File, decimal Total, DateTimeOffset CreatedAt);

internal sealed class PreOrderStepHandlers(SkipTheLineDbContext db, UnitOfWork unitOfWork, DatabaseSettings storage, TimeProvider clock)
    : IRequestHandler<WritePreOrder, PreOrderDto>, IRequestHandler<GenerateInvoice, InvoiceInfo>
{
    public const string InvoiceFolder = "invoices";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async ValueTask<PreOrderDto> Handle(WritePreOrder request, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            // The ids may come from any caller of the generic start: checked here, where they become keys and a file name.
            Require.Id(request.AccountId, "accountId");
            Require.Id(request.VendorId, "vendorId");
            Require.Id(request.OrderId, "orderId");
            // Inside the unit of work writers are serialised, so this check and the insert cannot interleave with
            // another order's; the primary key (account, vendor) stays the guarantee.
            var active = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.AccountId == request.AccountId && o.VendorId == request.VendorId, ct);
            if (active is not null && active.OrderId != request.OrderId) throw AlreadyActive(request, active.OrderId);
            if (active is not null) return active.ToDto();

            var now = clock.GetUtcNow();
            var order = new Data.PreOrder
            {
                AccountId = request.AccountId,
                VendorId = request.VendorId,
                OrderId = request.OrderId,
                Items = JsonSerializer.Serialize(request.Items, SkipTheLineDbContext.Json),
                Total = request.Items.Sum(i => i.Quantity * (i.UnitPrice ?? 0m)),
                Status = PreOrderStatus.Placed,
                ExecutionId = request.ExecutionId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Orders.Add(order);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw AlreadyActive(request, "another order");
            }
            return order.ToDto();
        }, cancellationToken);

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

    private static ConflictException AlreadyActive(WritePreOrder request, string activeOrderId) =>
        new("Active order exists", $"Account '{request.AccountId}' already has an active order ({activeOrderId}) with vendor '{request.VendorId}'; pick it up first.")
        {
            ErrorCode = PreOrderErrors.OrderAlreadyActive,
        };

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
