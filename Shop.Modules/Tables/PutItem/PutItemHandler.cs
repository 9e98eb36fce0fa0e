using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Expressions;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.PutItem;

internal sealed class PutItemHandler(ItemStore store, UnitOfWork unitOfWork) : IRequestHandler<Contracts.PutItem, ItemResult>
{
    public async ValueTask<ItemResult> Handle(Contracts.PutItem request, CancellationToken cancellationToken)
    {
        var returnValues = Returned.Check(request.ReturnValues, ReturnValues.AllOld);
        var item = AttributeValue.NormalizeMap(request.Item ?? throw TableException.Validation("Item is required"), "");
        var expressions = new Expressions.Expressions(request.Arguments);
        var condition = expressions.Condition(request.Condition);
        expressions.CheckAllUsed();
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var table = await store.TableAsync(request.Table, ct);
            var key = ItemStore.KeyOf(table, item, keyOnly: false);
            var (row, old) = await store.LoadAsync(table, key, ct);
            if (!Evaluator.Holds(condition, old)) throw TableException.ConditionFailed();
            await store.SaveAsync(table, row, key, item, ct);
            return Returned.Of(returnValues, old, item);
        }, cancellationToken);
    }
}
