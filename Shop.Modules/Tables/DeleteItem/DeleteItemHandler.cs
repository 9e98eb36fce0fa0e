using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Expressions;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.DeleteItem;

internal sealed class DeleteItemHandler(ItemStore store, UnitOfWork unitOfWork) : IRequestHandler<Contracts.DeleteItem, ItemResult>
{
    public async ValueTask<ItemResult> Handle(Contracts.DeleteItem request, CancellationToken cancellationToken)
    {
        var returnValues = Returned.Check(request.ReturnValues, ReturnValues.AllOld);
        var key = AttributeValue.NormalizeMap(request.Key ?? throw TableException.Validation("Key is required"), "Key");
        var expressions = new Expressions.Expressions(request.Arguments);
        var condition = expressions.Condition(request.Condition);
        expressions.CheckAllUsed();
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var table = await store.TableAsync(request.Table, ct);
            var (row, old) = await store.LoadAsync(table, ItemStore.KeyOf(table, key, keyOnly: true), ct);
            if (!Evaluator.Holds(condition, old)) throw TableException.ConditionFailed();
            if (row is not null) await store.RemoveAsync(row, ct);
            return Returned.Of(returnValues, old, null);
        }, cancellationToken);
    }
}
