using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.Data;

namespace Shop.Modules.Orders.Count;

/// <summary>How many orders are in each status (the console's dashboard).</summary>
internal sealed class CountOrdersByStatusHandler(OrdersDbContext db) : IRequestHandler<CountOrdersByStatus, IReadOnlyDictionary<string, int>>
{
    public async ValueTask<IReadOnlyDictionary<string, int>> Handle(CountOrdersByStatus request, CancellationToken cancellationToken) =>
        await db.Orders.AsNoTracking()
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, cancellationToken);
}
