using Mediator;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.Heartbeat;

internal sealed class HeartbeatDrinkHandler(CoffeeDbContext db, UnitOfWork unitOfWork, IWorkflowEngine engine, TimeProvider clock)
    : IRequestHandler<HeartbeatDrink, DrinkDto>
{
    public async ValueTask<DrinkDto> Handle(HeartbeatDrink request, CancellationToken cancellationToken)
    {
        var orderId = Require.Id(request.OrderId, "orderId");
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var drink = await db.FindWaitingDrinkAsync(orderId, ct);
            await engine.SendTaskHeartbeatForExecutionAsync(drink.ExecutionId!, ct);
            drink.LastHeartbeatAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return drink.ToDto();
        }, cancellationToken);
    }
}
