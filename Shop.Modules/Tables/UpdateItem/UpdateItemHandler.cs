using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Expressions;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.UpdateItem;

internal sealed class UpdateItemHandler(ItemStore store, UnitOfWork unitOfWork) : IRequestHandler<Contracts.UpdateItem, ItemResult>
{
    public async ValueTask<ItemResult> Handle(Contracts.UpdateItem request, CancellationToken cancellationToken)
    {
        var returnValues = Returned.Check(request.ReturnValues, ReturnValues.AllOld, ReturnValues.AllNew, ReturnValues.UpdatedOld, ReturnValues.UpdatedNew);
        var key = AttributeValue.NormalizeMap(request.Key ?? throw TableException.Validation("Key is required"), "Key");
        var expressions = new Expressions.Expressions(request.Arguments);
        var actions = string.IsNullOrWhiteSpace(request.Update) ? [] : expressions.Update(request.Update);
        var condition = expressions.Condition(request.Condition);
        expressions.CheckAllUsed();
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var table = await store.TableAsync(request.Table, ct);
            var itemKey = ItemStore.KeyOf(table, key, keyOnly: true);
            var (row, old) = await store.LoadAsync(table, itemKey, ct);
            if (!Evaluator.Holds(condition, old)) throw TableException.ConditionFailed();
            // An update of a missing item creates it from its key, as DynamoDB does.
            var (item, updated) = Updater.Apply(old ?? (System.Text.Json.Nodes.JsonObject)key.DeepClone(), actions, ItemStore.KeyNames(table));
            await store.SaveAsync(table, row, itemKey, item, ct);
            return Returned.Of(returnValues, old, item, updated);
        }, cancellationToken);
    }
}
