using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Processing;

/// <summary>
/// The drink enters the workflow (status received). A second call by the same execution (a retried or redriven
/// step) keeps the row. Another execution for the same order id starts the order's next attempt when the earlier
/// one has ended (it moves to the order's earlier attempts), and fails with OrderInProgress while it has not.
/// </summary>
internal sealed record RecordDrink(string OrderId, string UserId, string Drink, string ExecutionId) : IRequest<DrinkDto>;

internal sealed class RecordDrinkHandler(CoffeeDbContext db, UnitOfWork unitOfWork, TimeProvider clock) : IRequestHandler<RecordDrink, DrinkDto>
{
    public async ValueTask<DrinkDto> Handle(RecordDrink request, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var drink = await db.Drinks.FirstOrDefaultAsync(d => d.OrderId == request.OrderId, ct);
            if (drink is not null && drink.ExecutionId == request.ExecutionId) return drink.ToDto();
            if (drink is not null && DrinkAttempts.InProgress(drink))
                throw new ConflictException("Order in progress", $"Order '{request.OrderId}' is {drink.Status} in execution '{drink.ExecutionId}'; it can be ordered again once that ends.")
                {
                    ErrorCode = CoffeeErrors.OrderInProgress,
                };
            if (drink is null)
            {
                drink = new Drink { OrderId = request.OrderId, UserId = request.UserId, Name = request.Drink, Status = DrinkStatus.Received };
                db.Drinks.Add(drink);
            }
            else
            {
                drink.EarlierAttempts = JsonSerializer.Serialize(drink.ReadEarlierAttempts().Append(drink.ToAttempt()), EventEnvelope.Json);
                drink.UserId = request.UserId;
                drink.Name = request.Drink;
                drink.Status = DrinkStatus.Received;
                drink.TaskToken = drink.BaristaId = drink.Reason = null;
                drink.WaitingSince = drink.LastHeartbeatAt = drink.FinishedAt = null;
            }
            drink.ExecutionId = request.ExecutionId;
            drink.CreatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return drink.ToDto();
        }, cancellationToken);
}
