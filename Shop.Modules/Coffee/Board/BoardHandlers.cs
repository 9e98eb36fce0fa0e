using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.Board;

/// <summary>
/// The barista board: the drinks waiting for a barista and what became of the latest ones. The buttons name
/// a drink by order id; the engine is answered by the drink's execution id, so no raw task token is kept.
/// </summary>
internal sealed class BoardHandlers(CoffeeDbContext db, UnitOfWork unitOfWork, IWorkflowEngine engine, TimeProvider clock)
    : IRequestHandler<ListDrinks, DrinkBoard>, IRequestHandler<DescribeDrink, DrinkDto>,
      IRequestHandler<CompleteDrink, DrinkDto>, IRequestHandler<HeartbeatDrink, DrinkDto>
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

    public async ValueTask<DrinkDto> Handle(DescribeDrink request, CancellationToken cancellationToken) =>
        (await db.FindDrinkAsync(Require.Id(request.OrderId, "orderId"), cancellationToken)).ToDto();

    public async ValueTask<DrinkDto> Handle(CompleteDrink request, CancellationToken cancellationToken)
    {
        var orderId = Require.Id(request.OrderId, "orderId");
        var baristaId = Require.Text(request.BaristaId, "baristaId", 100);
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var drink = await WaitingDrinkAsync(orderId, ct);
            // The workflow's "Order Completed" step marks the drink completed, in its own unit of work.
            await engine.SendTaskSuccessForExecutionAsync(drink.ExecutionId!, new JsonObject { ["baristaId"] = baristaId }, ct);
            return drink.ToDto();
        }, cancellationToken);
    }

    public async ValueTask<DrinkDto> Handle(HeartbeatDrink request, CancellationToken cancellationToken)
    {
        var orderId = Require.Id(request.OrderId, "orderId");
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var drink = await WaitingDrinkAsync(orderId, ct);
            await engine.SendTaskHeartbeatForExecutionAsync(drink.ExecutionId!, ct);
            drink.LastHeartbeatAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return drink.ToDto();
        }, cancellationToken);
    }

    private async Task<Drink> WaitingDrinkAsync(string orderId, CancellationToken ct)
    {
        var drink = await db.FindDrinkAsync(orderId, ct);
        if (drink.Status != DrinkStatus.Waiting || drink.ExecutionId is null)
            throw new ConflictException("Drink not waiting", $"Drink '{orderId}' is {drink.Status}; only a waiting drink can be completed or kept alive.")
            {
                ErrorCode = CoffeeErrors.DrinkNotWaiting,
            };
        return drink;
    }
}
