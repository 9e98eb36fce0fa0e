using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.Complete;

/// <summary>
/// The barista completes the order: SendTaskSuccess <c>{"baristaId"}</c> for the drink's wait. The board names a
/// drink by order id; the engine is answered by the drink's execution id, so no raw task token is kept.
/// </summary>
internal sealed class CompleteCoffeeOrderHandler(CoffeeDbContext db, UnitOfWork unitOfWork, IWorkflowEngine engine)
    : IRequestHandler<CompleteCoffeeOrder, DrinkDto>
{
    public async ValueTask<DrinkDto> Handle(CompleteCoffeeOrder request, CancellationToken cancellationToken)
    {
        var orderId = Require.Id(request.OrderId, "orderId");
        var baristaId = Require.Text(request.BaristaId, "baristaId", 100);
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var drink = await db.FindWaitingDrinkAsync(orderId, ct);
            // The workflow's "Order Completed" step marks the drink completed, in its own unit of work.
            await engine.SendTaskSuccessForExecutionAsync(drink.ExecutionId!, new JsonObject { ["baristaId"] = baristaId }, ct);
            return drink.ToDto();
        }, cancellationToken);
    }
}
