using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;

namespace Shop.Modules.Delivery.List;

internal sealed class ListDeliveriesHandler(DeliveryDbContext db) : IRequestHandler<ListDeliveries, IReadOnlyList<DeliveryDto>>
{
    public async ValueTask<IReadOnlyList<DeliveryDto>> Handle(ListDeliveries request, CancellationToken cancellationToken) =>
        (await db.Deliveries.AsNoTracking()
            .OrderByDescending(d => d.StartedAt).ThenByDescending(d => d.OrderId)
            .Take(Math.Clamp(request.Limit, 1, 500))
            .ToListAsync(cancellationToken)).Select(d => d.ToDto()).ToArray();
}
