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

internal sealed class WritePreOrderHandler(SkipTheLineDbContext db, UnitOfWork unitOfWork, TimeProvider clock) : IRequestHandler<WritePreOrder, PreOrderDto>
{
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

    private static ConflictException AlreadyActive(WritePreOrder request, string activeOrderId) =>
        new("Active order exists", $"Account '{request.AccountId}' already has an active order ({activeOrderId}) with vendor '{request.VendorId}'; pick it up first.")
        {
            ErrorCode = PreOrderErrors.OrderAlreadyActive,
        };
}
