using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.List;

internal sealed class ListOrdersHandler(OrdersDbContext db) : IRequestHandler<ListOrders, IReadOnlyList<OrderDto>>
{
    public async ValueTask<IReadOnlyList<OrderDto>> Handle(ListOrders request, CancellationToken cancellationToken) =>
        (await db.Orders.AsNoTracking()
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId)
            .Take(Math.Clamp(request.Limit, 1, 500))
            .ToListAsync(cancellationToken)).Select(o => o.ToDto()).ToArray();
}
