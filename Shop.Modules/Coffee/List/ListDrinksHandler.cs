using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;

namespace Shop.Modules.Coffee.List;

/// <summary>The barista board: the drinks waiting for a barista and what became of the latest ones.</summary>
internal sealed class ListDrinksHandler(CoffeeDbContext db, TimeProvider clock) : IRequestHandler<ListDrinks, DrinkBoard>
{
    public const int MaxRecent = 200;

    public async ValueTask<DrinkBoard> Handle(ListDrinks request, CancellationToken cancellationToken)
    {
        var recentCount = Math.Clamp(request.RecentCount, 0, MaxRecent);
        // Times are fixed-width UTC text (ModelConventions), so ordering by them in SQL is ordering by time.
        var waiting = await db.Drinks.AsNoTracking()
            .Where(d => d.Status == DrinkStatus.Waiting || d.Status == DrinkStatus.Received)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.OrderId)
            .ToListAsync(cancellationToken);
        var recent = await db.Drinks.AsNoTracking()
            .Where(d => d.Status != DrinkStatus.Waiting && d.Status != DrinkStatus.Received)
            .OrderByDescending(d => d.FinishedAt).ThenBy(d => d.OrderId)
            .Take(recentCount)
            .ToListAsync(cancellationToken);
        return new DrinkBoard(waiting.Select(d => d.ToDto()).ToArray(), recent.Select(d => d.ToDto()).ToArray(), clock.GetUtcNow());
    }
}
