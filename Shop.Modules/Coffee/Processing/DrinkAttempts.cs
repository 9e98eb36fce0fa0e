using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Processing;

/// <summary>
/// Which execution processes an order id next. The first attempt's execution is named by the order id (as before);
/// once it has ended, the next is <c>{orderId}.2</c>, then <c>.3</c>, ..., so a start never reuses a name.
/// </summary>
internal static class DrinkAttempts
{
    public static bool InProgress(Drink drink) => drink.Status is DrinkStatus.Received or DrinkStatus.Waiting;

    /// <returns>The name for the order's next execution, or null while its current attempt is in progress (<paramref name="current"/> says which).</returns>
    public static async Task<(string? Name, Drink? Current)> NextExecutionNameAsync(CoffeeDbContext db, string orderId, CancellationToken ct)
    {
        var drink = await db.Drinks.AsNoTracking().FirstOrDefaultAsync(d => d.OrderId == orderId, ct);
        if (drink is null) return (orderId, null);
        if (InProgress(drink)) return (null, drink);
        var name = $"{orderId}.{(drink.Attempt + 1).ToString(CultureInfo.InvariantCulture)}";
        // An order id near 100 characters leaves no room for the number: a random name then.
        return (name.Length <= 100 ? name : Guid.NewGuid().ToString("N"), drink);
    }

    /// <summary>A start refused because an execution of that name exists (ExecutionAlreadyExists): the order is already being processed.</summary>
    public static bool IsAlreadyStarted(DomainException e) => e.StatusCode == 409;
}
